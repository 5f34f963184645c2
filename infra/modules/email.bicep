// Optional approval email: Azure Communication Services with an Azure-managed sender domain, and a
// custom role for the app identity that can send and nothing wider than Microsoft documents as the
// minimum for Entra-authenticated email (see infra/permissions.json, "ACA Promoter Email Sender").

param tags object
param baseName string
@description('Where ACS stores data at rest, for example Europe or United States.')
param dataLocation string
param principalId string

var permissions = loadJsonContent('../permissions.json')
var roleKey = 'ACA Promoter Email Sender'

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: 'ecs-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: 'acs-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      managedDomain.id
    ]
  }
}

resource senderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, roleKey)
  properties: {
    // Custom role names are unique per tenant: the suffix keeps one per resource group.
    roleName: '${roleKey} (${subscription().subscriptionId}/${resourceGroup().name})'
    description: 'Send approval email through Azure Communication Services with Entra ID.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: permissions.customRoles[roleKey].actions
        notActions: []
        dataActions: permissions.customRoles[roleKey].dataActions
        notDataActions: []
      }
    ]
  }
}

resource senderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: communication
  name: guid(communication.id, principalId, senderRole.name)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', senderRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output endpoint string = 'https://${communication.properties.hostName}'
output sender string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
output communicationServiceId string = communication.id
