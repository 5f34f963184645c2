// Per-finding delivery: Defender for Cloud's continuous export streams assessments (individual
// recommendations: one per finding) and sub-assessments (grouped) to an Event Hub when their status
// changes; the Event Hub trigger OnDefenderExport reads them. An automation's scopes can only be its
// own subscription (or resource groups in it), so there is one export automation per subscription:
// this module makes the one of the deployment's subscription (defender-export-automation.bicep), and lets the
// others (../defender-export-subscription.bicep) send as a trusted service. See docs/defender.md.
//   Defender (Assessments, SubAssessments) -> Event Hub -> OnDefenderExport

param location string
param tags object
param namespaceName string
param hubName string
param consumerGroupName string
param automationName string
param deployAutomation bool
@description('Principal that reads the hub (the Function App identity).')
param receiverPrincipalId string
@description('Assessment keys of the grouped container registry recommendations (current and legacy).')
param assessmentKeys array
@description('Object id of the "Windows Azure Security Resource Provider" service principal in this tenant; empty: no trusted-service export into this hub.')
param securityProviderPrincipalId string = ''

var eventHubsDataReceiverId = 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
var eventHubsDataSenderId = '2b629674-e913-4c01-ae53-ef4638d8f975'

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: 1
  }
  properties: {
    minimumTlsVersion: '1.2'
    // The function reads with its identity; only Defender's export writes with the send-only rule below.
    disableLocalAuth: false
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: hubName
  properties: {
    partitionCount: 2
    messageRetentionInDays: 7
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: consumerGroupName
}

// Continuous export authenticates with a connection string: a send-only rule on this hub, nothing more.
resource sendRule 'Microsoft.EventHub/namespaces/eventhubs/authorizationRules@2024-01-01' = {
  parent: hub
  name: 'defender-export-send'
  properties: {
    rights: [
      'Send'
    ]
  }
}

resource receiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hub
  name: guid(hub.id, receiverPrincipalId, eventHubsDataReceiverId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataReceiverId)
    principalId: receiverPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The deployment's own subscription; every other finding subscription gets the same automation from
// ../defender-export-subscription.bicep, deployed in that subscription.
module export 'defender-export-automation.bicep' = if (deployAutomation) {
  name: 'defender-export-automation'
  params: {
    name: automationName
    location: location
    tags: tags
    eventHubResourceId: hub.id
    connectionString: sendRule.listKeys().primaryConnectionString
    assessmentKeys: assessmentKeys
  }
}

// Exports from the other finding subscriptions run as a trusted service: Defender's first-party principal
// "Windows Azure Security Resource Provider" (application id 8edd93e1-2103-40b4-bd70-6e34e586362d; its object id
// differs per tenant) sends to this hub, and to nothing else (Learn: "Continuously export to an event hub behind
// a firewall"; the built-in policy "Deploy export to Event Hub as a trusted service for Microsoft Defender for
// Cloud data" exports every subscription of its scope this way).
resource defenderSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(securityProviderPrincipalId)) {
  scope: hub
  name: guid(hub.id, securityProviderPrincipalId, eventHubsDataSenderId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataSenderId)
    principalId: securityProviderPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
output hubName string = hub.name
output hubId string = hub.id
output consumerGroupName string = consumerGroup.name
