#!/bin/sh
# Signs $REGISTRY/$REPOSITORY:$TAG by digest with Notation and the Azure Key Vault plugin, as the
# ACR Task's system-assigned managed identity. Step 3 of infra/acr-task/rebuild-and-sign.yaml.
set -eu
: "${REGISTRY:?}" "${REPOSITORY:?}" "${TAG:?}" "${SIGNING_KEY_ID:?}"

az login --identity --allow-no-subscriptions --output none
registry_name=${REGISTRY%%.*}
digest=$(az acr repository show --name "$registry_name" --image "$REPOSITORY:$TAG" --query digest --output tsv)
case "$digest" in
  sha256:*) ;;
  *) echo "sign: could not resolve $REPOSITORY:$TAG to a digest (got '$digest')" >&2; exit 1 ;;
esac

# An ACR access token for the identity; the user name of a token login is the all-zero GUID.
az acr login --name "$registry_name" --expose-token --query accessToken --output tsv \
  | notation login --username 00000000-0000-0000-0000-000000000000 --password-stdin "$REGISTRY"

set -- --signature-format jws --plugin azure-kv --id "$SIGNING_KEY_ID" --plugin-config credential_type=managedid
if [ "${SELF_SIGNED:-false}" = "true" ]; then
  set -- "$@" --plugin-config self_signed=true
fi
notation sign "$@" "$REGISTRY/$REPOSITORY@$digest"
echo "sign: signed $REGISTRY/$REPOSITORY@$digest with $SIGNING_KEY_ID"
