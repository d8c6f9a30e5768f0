import http.server, sys, threading, os, subprocess, time, json, statistics, socket
payload = open('/work/wt-perf/benchmarks/ColdStart/Payloads/apigw-v2-hello.json','rb').read()
state = {'ev': None, 'served': False}
class S(http.server.ThreadingHTTPServer):
    def handle_error(self,*a): pass
class H(http.server.BaseHTTPRequestHandler):
    protocol_version='HTTP/1.1'
    def log_message(self,*a): pass
    def do_GET(self):
        if state['served']:
            time.sleep(30); return
        state['served']=True
        self.send_response(200)
        self.send_header('Lambda-Runtime-Aws-Request-Id','req-1')
        self.send_header('Lambda-Runtime-Deadline-Ms','9999999999999')
        self.send_header('Lambda-Runtime-Invoked-Function-Arn','arn:aws:lambda:us-east-1:123456789012:function:coldstart')
        self.send_header('Content-Length',str(len(payload)))
        self.end_headers(); self.wfile.write(payload)
    def do_POST(self):
        n=int(self.headers.get('Content-Length','0')); body=self.rfile.read(n)
        state['t']=time.perf_counter(); state['body']=body
        self.send_response(202); self.send_header('Content-Length','0'); self.end_headers()
        state['ev'].set()
srv=S(('127.0.0.1',0),H); port=srv.server_address[1]
threading.Thread(target=srv.serve_forever,daemon=True).start()
configs=json.loads(sys.argv[1]); runs=int(sys.argv[2])
res={k:[] for k in configs}
for r in range(runs):
    for name,cfg in configs.items():
        env=dict(os.environ); env.update(cfg.get('env',{}))
        env.update({'AWS_LAMBDA_RUNTIME_API':f'127.0.0.1:{port}','_HANDLER':'hello','AWS_LAMBDA_FUNCTION_NAME':'coldstart'})
        state['ev']=threading.Event(); state['served']=False
        t0=time.perf_counter()
        p=subprocess.Popen([cfg['exe']],env=env,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
        ok=state['ev'].wait(30)
        p.kill(); p.wait()
        if ok and b'Hello' in state['body']: res[name].append((state['t']-t0)*1000)
        time.sleep(0.1)
for k,v in res.items():
    print(f"{k:30s} n={len(v)} median={statistics.median(v):7.1f} ms  min={min(v):7.1f}")
