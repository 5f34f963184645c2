// Per-finding delivery: Defender for Cloud's continuous export streams assessments (individual
// recommendations: one per finding) and sub-assessments (grouped) to an Event Hub when their status
// changes; the Event Hub trigger OnDefenderExport reads them. An automation's scopes can only be its
// own subscription (or resource groups in it), so there is one export automation per subscription:
// this module makes the one of the deployment's subscription. See docs/defender.md.
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

var eventHubsDataReceiverId = 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'

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

// Individual recommendations on container images (the selection Microsoft documents for Resource
// Graph; string operators compare case-insensitively), and the grouped container registry
// recommendations by assessment key. Rule sets are ORed, rules in a set ANDed.
var subAssessmentRuleSets = [for key in assessmentKeys: {
  rules: [
    {
      propertyJPath: 'id'
      propertyType: 'String'
      expectedValue: key
      operator: 'Contains'
    }
  ]
}]

resource export 'Microsoft.Security/automations@2023-12-01-preview' = if (deployAutomation) {
  name: automationName
  location: location
  tags: tags
  properties: {
    description: 'ACA Promoter: stream container image findings (individual and grouped) to the promoter, per status change.'
    isEnabled: true
    scopes: [
      {
        description: 'Subscription ${subscription().subscriptionId}'
        scopePath: subscription().id
      }
    ]
    sources: [
      {
        eventSource: 'Assessments'
        ruleSets: [
          {
            rules: [
              {
                propertyJPath: 'properties.resourceDetails.ResourceType'
                propertyType: 'String'
                expectedValue: '.containerimage'
                operator: 'Equals'
              }
            ]
          }
        ]
      }
      {
        eventSource: 'SubAssessments'
        ruleSets: subAssessmentRuleSets
      }
    ]
    actions: [
      {
        actionType: 'EventHub'
        eventHubResourceId: hub.id
        connectionString: sendRule.listKeys().primaryConnectionString
      }
    ]
  }
}

output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
output hubName string = hub.name
output consumerGroupName string = consumerGroup.name
