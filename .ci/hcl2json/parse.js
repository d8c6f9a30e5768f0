// Prints the JSON form of one HCL file: node parse.js <file.tf>. Exit 1 with the parser's message on a syntax error.
const fs = require('fs');
const { parse } = require('@cdktf/hcl2json');
const file = process.argv[2];
parse(file, fs.readFileSync(file, 'utf8'))
  .then((json) => process.stdout.write(JSON.stringify(json)))
  .catch((error) => { process.stderr.write(String(error && error.message ? error.message : error) + '\n'); process.exit(1); });
