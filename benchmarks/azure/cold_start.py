#!/usr/bin/env python3
"""Cold start of the Azure modes, measured the same way for each: spawn the process as the
Functions host would, then time until the process first answers the host.

* custom handler: spawn with FUNCTIONS_CUSTOMHANDLER_PORT; poll POST /hello with the host's JSON
  payload (every 2 ms, tighter than the host's 25 ms readiness poll) until a 200 arrives.
* isolated worker: spawn with the host's command-line arguments and FUNCTIONS_WORKER_DIRECTORY; a
  loopback TCP listener stands where the host's gRPC server would be, and the clock stops when the
  worker sends its first bytes (the HTTP/2 preface of its EventStream call). Without a host nothing
  answers it, so this is "process start to first contact", the worker's share of a cold start.

Usage: cold_start.py RUNS NAME=KIND:COMMAND... (KIND is handler, worker or knative). Prints the
median and min/max per target, in milliseconds. Loopback only; every process is killed after its run.
"""
import json, os, socket, statistics, subprocess, sys, time, http.client

PAYLOAD = json.dumps({"Data": {"req": {"Url": "http://127.0.0.1/api/hello?name=bench", "Method": "GET",
                                       "Query": {"name": "bench"}, "Headers": {}}},
                      "Metadata": {"sys": {"MethodName": "hello"}}})


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(port, method, path, body, headers, deadline):
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request(method, path, body=body, headers=headers)
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.002)
    return False


def run_handler(command, env_extra, kind):
    port = free_port()
    env = dict(os.environ, **env_extra)
    if kind == "handler":
        env["FUNCTIONS_CUSTOMHANDLER_PORT"] = str(port)
        method, path, body, headers = "POST", "/hello", PAYLOAD, {"Content-Type": "application/json"}
    else:
        env["PORT"] = str(port)
        method, path, body, headers = "GET", "/hello?name=bench", None, {}
    start = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ok = wait_http(port, method, path, body, headers, start + 30)
        return (time.monotonic() - start) * 1000 if ok else None
    finally:
        proc.kill()
        proc.wait()


def run_worker(command, env_extra):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(30)
    port = listener.getsockname()[1]
    args = ["--host", "127.0.0.1", "--port", str(port), "--workerId", "w1", "--requestId", "r1",
            "--grpcMaxMessageLength", "2147483647", "--functions-uri", f"http://127.0.0.1:{port}/",
            "--functions-worker-id", "w1", "--functions-request-id", "r1",
            "--functions-grpc-max-message-length", "2147483647"]
    env = dict(os.environ, **env_extra)
    env["FUNCTIONS_WORKER_DIRECTORY"] = os.path.dirname(os.path.abspath(command[-1]))
    start = time.monotonic()
    proc = subprocess.Popen(command + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        conn, _ = listener.accept()
        conn.settimeout(30)
        first = conn.recv(64)
        elapsed = (time.monotonic() - start) * 1000
        conn.close()
        return elapsed if first else None
    except OSError:
        return None
    finally:
        proc.kill()
        proc.wait()
        listener.close()


def main():
    runs = int(sys.argv[1])
    for spec in sys.argv[2:]:
        name, rest = spec.split("=", 1)
        kind, command = rest.split(":", 1)
        command = command.split()
        times = []
        for _ in range(runs):
            t = run_worker(command, {}) if kind == "worker" else run_handler(command, {}, kind)
            if t is None:
                print(f"{name}: a run failed", file=sys.stderr)
                continue
            times.append(t)
        if times:
            print(f"{name}: median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f} (n={len(times)})")


if __name__ == "__main__":
    main()
