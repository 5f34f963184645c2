// One Defender for Cloud continuous export: the container image findings of the subscription this resource
// group is in — individual recommendations (Assessments, one per finding) and grouped sub-assessments — streamed
// to the promoter's Event Hub on every status change. An automation can only watch its own subscription (or
// resource groups in it: AutomationScope.scopePath, automations.json 2023-12-01-preview), so every finding
// subscription gets one of these: defender-export.bicep makes the deployment's own,
// ../defender-export-subscription.bicep (targetScope 'subscription') the one of each other finding subscription.
// The hub may be in another subscription of the tenant ("Data can be saved in a target of a different
// subscription", Learn: continuous export). See docs/defender.md.

param name string
param location string
param tags object

@description('Resource id of the promoter\'s Event Hub: /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.EventHub/namespaces/<ns>/eventhubs/<hub>.')
param eventHubResourceId string

@secure()
@description('Send-only connection string of the hub. Empty: export as a trusted service (no key leaves the hub; Defender\'s first-party "Windows Azure Security Resource Provider" needs Azure Event Hubs Data Sender on the hub).')
param connectionString string = ''

@description('Assessment keys of the grouped container registry recommendations (current and legacy).')
param assessmentKeys array

// Rule sets are ORed, rules in a set ANDed; string operators compare case-insensitively.
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

var hub = {
  actionType: 'EventHub'
  eventHubResourceId: eventHubResourceId
}

resource export 'Microsoft.Security/automations@2023-12-01-preview' = {
  name: name
  location: location
  tags: tags
  properties: {
    description: 'ACA Promoter: stream container image findings (individual and grouped) of this subscription to the promoter, per status change.'
    isEnabled: true
    scopes: [
      {
        description: 'Subscription ${subscription().subscriptionId}'
        scopePath: subscription().id
      }
    ]
    sources: [
      {
        // Individual recommendations on container images: the selection Microsoft documents for Resource Graph
        // (PascalCase `ResourceType` there); the ARM shape of an assessment spells it `resourceType`, and it is not
        // documented whether rule paths ignore case, so both spellings are asked for (rule sets are ORed).
        eventSource: 'Assessments'
        ruleSets: [for path in [
          'properties.resourceDetails.ResourceType'
          'properties.resourceDetails.resourceType'
        ]: {
          rules: [
            {
              propertyJPath: path
              propertyType: 'String'
              expectedValue: '.containerimage'
              operator: 'Equals'
            }
          ]
        }]
      }
      {
        eventSource: 'SubAssessments'
        ruleSets: subAssessmentRuleSets
      }
    ]
    actions: [
      empty(connectionString) ? union(hub, {
        isTrustedServiceEnabled: true
      }) : union(hub, {
        connectionString: connectionString
      })
    ]
  }
}

output id string = export.id
