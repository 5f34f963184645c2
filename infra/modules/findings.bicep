// Defender for Cloud publishes no Event Grid events of its own. Its workflow automation calls a
// small Logic App (Consumption), which forwards each sub-assessment to an Event Grid custom topic
// with its managed identity; the topic delivers to OnVulnerabilityFinding.
//   Defender (SubAssessments) -> Logic App -> custom topic -> OnVulnerabilityFinding

param location string
param tags object
param topicName string
param logicAppName string
param automationName string
param forwarderIdentityId string
param forwarderPrincipalId string
param deliveryIdentityId string
param deadLetterStorageId string
param deadLetterContainerName string
param functionAppId string
param functionAppHostName string
param deployEventSubscription bool
param deployDefenderAutomation bool
@description('Assessment keys of the container registry vulnerability assessments (current and legacy).')
param assessmentKeys array

var eventGridDataSenderId = 'd5a91429-5739-47e2-a06b-3470a27159e7'

resource topic 'Microsoft.EventGrid/topics@2022-06-15' = {
  name: topicName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${deliveryIdentityId}': {}
    }
  }
  properties: {
    inputSchema: 'EventGridSchema'
    // Publishers authenticate with Entra ID only: no topic keys to leak.
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource forwarderCanSend 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: topic
  name: guid(topic.id, forwarderPrincipalId, eventGridDataSenderId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSenderId)
    principalId: forwarderPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource finding 'Microsoft.EventGrid/topics/eventSubscriptions@2022-06-15' = if (deployEventSubscription) {
  parent: topic
  name: 'aca-promoter-vulnerability-finding'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionAppHostName}/runtime/webhooks/EventGrid?functionName=OnVulnerabilityFinding&code=${listKeys('${functionAppId}/host/default', '2024-04-01').systemKeys.eventgrid_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'AcaPromoter.Defender.SubAssessment'
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: deliveryIdentityId
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterStorageId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

// The Logic App wraps the sub-assessment Defender posts (its full resource JSON) in one Event Grid
// event: subject = the sub-assessment id, data = the sub-assessment as received.
resource forwarder 'Microsoft.Logic/workflows@2019-05-01' = {
  name: logicAppName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${forwarderIdentityId}': {}
    }
  }
  properties: {
    state: 'Enabled'
    definition: {
      '$schema': 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#'
      contentVersion: '1.0.0.0'
      parameters: {}
      triggers: {
        manual: {
          type: 'Request'
          kind: 'Http'
          inputs: {
            schema: {
              type: 'object'
            }
          }
        }
      }
      actions: {
        Forward_to_topic: {
          type: 'Http'
          runAfter: {}
          inputs: {
            method: 'POST'
            uri: topic.properties.endpoint
            headers: {
              'Content-Type': 'application/json'
            }
            body: [
              {
                id: '@{guid()}'
                eventType: 'AcaPromoter.Defender.SubAssessment'
                subject: '@{triggerBody()?[\'id\']}'
                eventTime: '@{utcNow()}'
                dataVersion: '1.0'
                data: '@triggerBody()'
              }
            ]
            authentication: {
              type: 'ManagedServiceIdentity'
              identity: forwarderIdentityId
              audience: 'https://eventgrid.azure.net'
            }
            retryPolicy: {
              type: 'exponential'
              count: 10
              interval: 'PT10S'
            }
          }
        }
      }
      outputs: {}
    }
  }
}

// One rule set per assessment key: rule sets are ORed, the rules inside one set are ANDed.
var ruleSets = [for key in assessmentKeys: {
  rules: [
    {
      propertyJPath: 'id'
      propertyType: 'String'
      expectedValue: key
      operator: 'Contains'
    }
  ]
}]

resource automation 'Microsoft.Security/automations@2019-01-01-preview' = if (deployDefenderAutomation) {
  name: automationName
  location: location
  tags: tags
  properties: {
    description: 'ACA Promoter: forward container image vulnerability findings to the promoter.'
    isEnabled: true
    // An automation may only watch its own subscription (or its resource groups): other finding
    // subscriptions reach the promoter through the sweep, or an automation of their own.
    scopes: [
      {
        description: 'This subscription'
        scopePath: subscription().id
      }
    ]
    sources: [
      {
        eventSource: 'SubAssessments'
        ruleSets: ruleSets
      }
    ]
    actions: [
      {
        actionType: 'LogicApp'
        logicAppResourceId: forwarder.id
        uri: listCallbackUrl('${forwarder.id}/triggers/manual', '2019-05-01').value
      }
    ]
  }
}

output topicId string = topic.id
output topicEndpoint string = topic.properties.endpoint
output logicAppId string = forwarder.id
