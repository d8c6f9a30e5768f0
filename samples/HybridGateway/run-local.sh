#!/usr/bin/env bash
# Runs both sides locally: the backend on :8081 in the background, the gateway on :8080 in the foreground.
# From the repository root: samples/HybridGateway/run-local.sh   (Ctrl+C stops both)
set -euo pipefail
dotnet build samples/HybridGateway/Gateway -c Release -v q -nologo
dotnet build samples/HybridGateway/Backend -c Release -v q -nologo
dotnet run --project samples/HybridGateway/Backend -c Release --no-build &
backend=$!
trap 'kill "$backend" 2>/dev/null || true' EXIT
Backend__BaseUrl=http://127.0.0.1:8081/ dotnet run --project samples/HybridGateway/Gateway -c Release --no-build
