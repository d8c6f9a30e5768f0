#!/usr/bin/env bash
# Regenerates the committed deployment files of the gateway (AWS Lambda) and the backend (Knative + its
# Native AOT Dockerfile). Run from the repository root: samples/HybridGateway/deploy/regenerate.sh
# tests/HybridGateway.Tests (DeployFilesTests) fails when these differ from what the apps write today.
set -euo pipefail
OUT=samples/HybridGateway/deploy
rm -rf "$OUT/gateway" "$OUT/backend"
dotnet run --project samples/HybridGateway/Gateway -c Release -- --write-deploy-files "$OUT/gateway" --Deploy:Platforms=aws
dotnet run --project samples/HybridGateway/Backend -c Release -- --write-deploy-files "$OUT/backend" --Deploy:Container:Project=samples/HybridGateway/Backend/Backend.csproj
