// Deployed at each subscription that holds target resource groups. Container Apps answers a write
// with an Azure-AsyncOperation URL under /subscriptions/{id}/providers/Microsoft.App/locations/...,
// outside any resource group, so polling it needs these read-only actions at subscription scope.
// They reveal the status of an operation whose id the caller already holds, nothing else.

targetScope = 'subscription'

param principalId string

var permissions = loadJsonContent('../permissions.json')
var roleKey = 'ACA Promoter Operation Status Reader'

resource statusReaderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, roleKey)
  properties: {
    // Custom role names are unique per tenant: one definition per subscription.
    roleName: '${roleKey} (${subscription().subscriptionId})'
    description: 'ACA Promoter: poll Container Apps long-running operations.'
    type: 'CustomRole'
    assignableScopes: [
      subscription().id
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

resource statusReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, statusReaderRole.name)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', statusReaderRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
