#!/usr/bin/env python3
"""Cold start: process start -> first response POSTed to a fake Lambda Runtime API (loopback).

Usage: measure_cold_start.py RUNS NAME=BINARY [NAME=BINARY ...]
Runs each binary RUNS times, interleaved, against the same in-process fake Runtime API, with the
same HTTP API v2 event (GET /hello?name=Ada), and prints per-binary median/min/max in ms and the
ratio of each median to the first binary's median, plus the time to the first /next (init).
"""
import http.server, json, os, statistics, subprocess, sys, threading, time

EVENT = json.dumps({
    "version": "2.0", "routeKey": "$default", "rawPath": "/hello", "rawQueryString": "name=Ada",
    "headers": {"accept": "*/*"}, "queryStringParameters": {"name": "Ada"},
    "requestContext": {"domainName": "x.execute-api.eu-west-1.amazonaws.com", "stage": "$default", "requestId": "r",
                       "http": {"method": "GET", "path": "/hello", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"}},
    "isBase64Encoded": False}).encode()

state = {"served": False, "next": None, "posted": None, "body": b""}
lock = threading.Lock()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_GET(self):
        with lock:
            first = not state["served"]
            state["served"] = True
            if first:
                state["next"] = time.perf_counter()
        if not first:
            time.sleep(30)  # the runtime waits here until it is killed
            return
        self.send_response(200)
        self.send_header("Lambda-Runtime-Aws-Request-Id", "req-1")
        self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30000))
        self.send_header("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:1:function:f")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(EVENT)))
        self.end_headers()
        self.wfile.write(EVENT)
    def do_POST(self):
        now = time.perf_counter()
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            if state["posted"] is None:
                state["posted"] = now
                state["body"] = body
        self.send_response(202)
        self.send_header("Content-Length", "16")
        self.end_headers()
        self.wfile.write(b'{"status":"OK"}\n')

class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The runtime is killed as soon as its response arrives; the reset that follows is expected.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)

def main():
    runs = int(sys.argv[1])
    targets = [arg.split("=", 1) for arg in sys.argv[2:]]
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}", AWS_LAMBDA_FUNCTION_MEMORY_SIZE="512")
    results = {name: [] for name, _ in targets}
    init = {name: [] for name, _ in targets}
    for i in range(runs + 1):  # run 0 warms the page cache and is discarded
        for name, binary in targets:
            state.update(served=False, next=None, posted=None, body=b"")
            start = time.perf_counter()
            process = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while state["posted"] is None and time.perf_counter() - start < 20:
                time.sleep(0.0005)
            process.kill(); process.wait()
            if state["posted"] is None or b"Hello, Ada!" not in state["body"]:
                sys.exit(f"{name}: no valid response (body={state['body'][:200]!r})")
            if i > 0:
                results[name].append((state["posted"] - start) * 1000)
                init[name].append((state["next"] - start) * 1000)
    base = statistics.median(results[targets[0][0]])
    for name, _ in targets:
        values = results[name]
        print(f"{name}: first response median {statistics.median(values):.1f} ms (min {min(values):.1f}, max {max(values):.1f}, runs {len(values)}), "
              f"ratio {statistics.median(values) / base:.2f}; first /next median {statistics.median(init[name]):.1f} ms")

main()
