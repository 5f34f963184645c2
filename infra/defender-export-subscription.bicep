// Per-finding delivery for a finding subscription other than the promoter's own: Defender for Cloud's
// continuous export of that subscription's container image findings to the promoter's Event Hub. A
// Microsoft.Security/automations resource can only watch the subscription it lives in, so the operator deploys
// this once per other subscription in `findingSubscriptionIds`, with that subscription selected:
//
//   az deployment sub create --subscription <finding-subscription> --location <region> \
//     --name aca-promoter-defender-export --template-file infra/defender-export-subscription.bicep \
//     --parameters location=<region> eventHubResourceId=<PROMOTER_DEFENDER_EXPORT_HUB_ID>
//
// By default the export runs as a trusted service: no key leaves the hub; the promoter's deployment grants
// Defender's "Windows Azure Security Resource Provider" Azure Event Hubs Data Sender on the hub (parameter
// defenderResourceProviderPrincipalId of main.bicep). Pass `connectionString` (the hub's send-only rule) instead
// where that grant is not wanted. What the deploying principal needs: docs/deploy.md, "Other finding
// subscriptions". Until this runs, the subscription's findings reach the promoter through the sweep only.
targetScope = 'subscription'

@description('Region of the resource group and the automation.')
param location string

@description('Resource group (in this subscription) that holds the automation; created when missing.')
param resourceGroupName string = 'rg-aca-promoter-defender-export'

@description('Name of the automation (one per resource group).')
param automationName string = 'aca-promoter-export'

@description('The promoter\'s Event Hub: the PROMOTER_DEFENDER_EXPORT_HUB_ID output of the promoter\'s deployment.')
param eventHubResourceId string

@secure()
@description('Send-only connection string of that hub; empty (default) exports as a trusted service.')
param connectionString string = ''

@description('Assessment keys of the grouped container registry recommendations (current and legacy); same as main.bicep.')
param assessmentKeys array = [
  'c0b7cfc6-3172-465a-b378-53c7ff2cc0d5'
  'dbd0cb49-b563-45e7-9724-889e799fa648'
]

param tags object = {
  'aca-promoter': 'defender-export'
}

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
  tags: tags
}

module export 'modules/defender-export-automation.bicep' = {
  name: 'aca-promoter-defender-export'
  scope: group
  params: {
    name: automationName
    location: location
    tags: tags
    eventHubResourceId: eventHubResourceId
    connectionString: connectionString
    assessmentKeys: assessmentKeys
  }
}

output automationId string = export.outputs.id
