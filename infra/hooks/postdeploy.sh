#!/bin/sh
# After the first code deployment the Event Grid extension has a system key and answers the
# subscription handshake, so the Event Grid subscriptions can be created: provision once more with
# them turned on. Later runs find the flag set and do nothing.
set -eu

if [ "$(azd env get-value PROMOTER_DEPLOY_EVENT_SUBSCRIPTIONS 2>/dev/null || true)" = "true" ]; then
  exit 0
fi

echo "Creating the Event Grid subscriptions now that the functions are deployed..."
azd env set PROMOTER_DEPLOY_EVENT_SUBSCRIPTIONS true
azd provision --no-prompt
