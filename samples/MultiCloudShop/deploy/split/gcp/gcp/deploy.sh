#!/usr/bin/env bash
# Cloud Run functions deployment of MultiCloudShop (written by --write-deploy-files).
#   gcp/deploy.sh source   gcloud run deploy --function: Google's .NET buildpack builds SOURCE
#   gcp/deploy.sh image    gcloud run deploy --image: the Native AOT image of container/Dockerfile
# SOURCE must restore from package references (a ProjectReference to ../ files is not uploaded):
# pack the Portable.Functions packages into SOURCE/packages and add a nuget.config naming that folder.
set -euo pipefail

MODE="${1:-source}"
PROJECT="${GOOGLE_CLOUD_PROJECT:-$(gcloud config get-value project)}"
REGION="${REGION:-europe-west1}"
SOURCE="${SOURCE:-.}"
IMAGE="${IMAGE:-europe-west1-docker.pkg.dev/$PROJECT/portable/multi-cloud-shop:latest}"
BASE_IMAGE="${BASE_IMAGE:-dotnet10}"
# Eventarc triggers invoke the services as this account (it needs roles/run.invoker).
TRIGGER_SERVICE_ACCOUNT="${TRIGGER_SERVICE_ACCOUNT:-$(gcloud projects describe "$PROJECT" --format='value(projectNumber)')-compute@developer.gserviceaccount.com}"

if [ "$MODE" = source ] && grep -qs '<ProjectReference Include="\.\./' "$SOURCE"/*.csproj; then
  echo "$SOURCE has ProjectReferences outside the folder; a source deploy cannot restore them (see the README's Deploy section)." >&2
  exit 1
fi

deploy() {
  local service=$1 target=$2
  shift 2
  local common=(--region="$REGION" --project="$PROJECT" --memory=512Mi --timeout=300 --concurrency=80 --set-env-vars="GOOGLE_CLOUD_PROJECT=$PROJECT")
  case "$MODE" in
    source) gcloud run deploy "$service" --source="$SOURCE" --function="$target" --base-image="$BASE_IMAGE" "${common[@]}" "$@" ;;
    image) gcloud run deploy "$service" --image="$IMAGE" --update-env-vars="FUNCTION_TARGET=$target" "${common[@]}" "$@" ;;
    *) echo "usage: $0 source|image" >&2; exit 2 ;;
  esac
}

# analytics-order-placed (event com.example.shop.order.placed)
deploy analytics-order-placed analytics-order-placed --no-allow-unauthenticated
gcloud pubsub topics describe analytics-order-placed --project="$PROJECT" >/dev/null 2>&1 || gcloud pubsub topics create analytics-order-placed --project="$PROJECT"
gcloud eventarc triggers create analytics-order-placed-trigger --location="$REGION" --project="$PROJECT" \
  --destination-run-service=analytics-order-placed --destination-run-region="$REGION" \
  --event-filters=type=google.cloud.pubsub.topic.v1.messagePublished \
  --transport-topic=analytics-order-placed \
  --service-account="$TRIGGER_SERVICE_ACCOUNT"

# analytics-order-cancelled (event com.example.shop.order.cancelled)
deploy analytics-order-cancelled analytics-order-cancelled --no-allow-unauthenticated
gcloud pubsub topics describe analytics-order-cancelled --project="$PROJECT" >/dev/null 2>&1 || gcloud pubsub topics create analytics-order-cancelled --project="$PROJECT"
gcloud eventarc triggers create analytics-order-cancelled-trigger --location="$REGION" --project="$PROJECT" \
  --destination-run-service=analytics-order-cancelled --destination-run-region="$REGION" \
  --event-filters=type=google.cloud.pubsub.topic.v1.messagePublished \
  --transport-topic=analytics-order-cancelled \
  --service-account="$TRIGGER_SERVICE_ACCOUNT"

