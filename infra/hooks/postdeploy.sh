#!/bin/sh
# After each code deployment:
# 1. Sign-in must be enforced: an anonymous GET of an approval or status route must not answer 200
#    (App Service Authentication not enforcing would let anyone read promotions, and the approval
#    page would trust headers nobody set). The deployment fails here if it does.
# 2. After the first deployment, the Event Grid extension gets a system key once the host has
#    started with the code: wait for it, then provision once more with the Event Grid subscriptions
#    turned on. Later runs find the flag set and skip this.
set -eu

RG=$(azd env get-value AZURE_RESOURCE_GROUP)
APP=$(azd env get-value AZURE_FUNCTION_APP_NAME)
HOST=$(az functionapp show -g "$RG" -n "$APP" --query defaultHostName -o tsv)

# Easy Auth can take a minute to apply after a deployment: retry before judging.
for route in api/promotions api/approvals/check; do
  attempt=0
  while :; do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 "https://$HOST/$route" || echo 000)
    case "$status" in
      200)
        echo "postdeploy: anonymous GET https://$HOST/$route answered 200: App Service Authentication is not enforcing." >&2
        echo "postdeploy: fix authentication (docs/deploy.md, step 4) before any approval link is sent." >&2
        exit 1 ;;
      401|302|403) break ;;
    esac
    attempt=$((attempt + 1))
    if [ "$attempt" -ge 12 ]; then
      echo "postdeploy: https://$HOST/$route still answers $status after 2 minutes; cannot tell whether sign-in is enforced." >&2
      exit 1
    fi
    sleep 10
  done
done
echo "postdeploy: sign-in is enforced on the approval and status routes."

if [ "$(azd env get-value PROMOTER_DEPLOY_EVENT_SUBSCRIPTIONS 2>/dev/null || true)" = "true" ]; then
  exit 0
fi

# The system key appears when the host has started with the Event Grid trigger: up to ~5 minutes.
attempt=0
until key=$(az functionapp keys list -g "$RG" -n "$APP" --query systemKeys.eventgrid_extension -o tsv 2>/dev/null) \
    && [ -n "$key" ]; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 30 ]; then
    echo "postdeploy: the Event Grid extension has no system key after 5 minutes; is the app running? Run 'azd deploy' again." >&2
    exit 1
  fi
  # Any request starts the host on Flex Consumption.
  curl -s -o /dev/null --max-time 20 "https://$HOST/api/health" || true
  sleep 10
done

echo "postdeploy: creating the Event Grid subscriptions now that the functions are deployed..."
azd env set PROMOTER_DEPLOY_EVENT_SUBSCRIPTIONS true
azd provision --no-prompt
