#!/usr/bin/env bash
# Regenerates the committed deployment files of both layouts from the app's own functions.
# Run from the repository root: samples/MultiCloudShop/deploy/regenerate.sh
# tests/MultiCloudShop.Tests (DeployLayoutTests) writes the same layouts with the same switches and
# fails when these files differ from what the app writes today.
set -euo pipefail
APP=(dotnet run --project samples/MultiCloudShop -c Release --)
OUT=samples/MultiCloudShop/deploy
PROJECT=--Deploy:Container:Project=samples/MultiCloudShop/MultiCloudShop.csproj

rm -rf "$OUT/single" "$OUT/split"

# Everything on one platform: every function, every cloud's files (keep the cloud you deploy to).
"${APP[@]}" --write-deploy-files "$OUT/single" "$PROJECT"

# Split across clouds: the orders API on AWS, analytics on Google, payments on Azure.
"${APP[@]}" --write-deploy-files "$OUT/split/aws" --Shop:Functions=orders --Deploy:Platforms=aws
"${APP[@]}" --write-deploy-files "$OUT/split/gcp" --Shop:Functions=analytics --Deploy:Platforms=gcp "$PROJECT"
"${APP[@]}" --write-deploy-files "$OUT/split/azure" --Shop:Functions=payments --Deploy:Platforms=azure
