// Cold-start peer: the hello function as a Node.js user writes it for Google Cloud Functions.
const functions = require('@google-cloud/functions-framework');

functions.http('hello', (req, res) => {
  const name = typeof req.query.name === 'string' && req.query.name.trim() !== '' ? req.query.name : 'world';
  res.type('text/plain').send(`Hello, ${name}!`);
});
