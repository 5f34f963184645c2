// The allow-list as Azure Policy, defined in one target subscription. Container Apps has no
// allow-list of image sources of its own; the definition (../policy/allowed-images.json,
// generated from the promotion file by 'bin/promoter allow-list-policy promotion.yaml') denies or
// audits apps and jobs whose images are not from an allowed registry or not pinned by digest.
targetScope = 'subscription'

var definition = loadJsonContent('../policy/allowed-images.json')

resource allowedImages 'Microsoft.Authorization/policyDefinitions@2023-04-01' = {
  name: 'aca-promoter-allowed-images'
  properties: definition
}

output id string = allowedImages.id
