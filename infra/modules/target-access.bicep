// Deployed into each target resource group (any subscription): the custom role that lets the app
// deploy digests, move traffic, manage revisions and run jobs there, and its assignment.

param principalId string

var permissions = loadJsonContent('../permissions.json')
var roleKey = 'ACA Promoter Container Apps Operator'

resource operatorRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, roleKey)
  properties: {
    // Custom role names are unique per tenant: one definition per target resource group.
    roleName: '${roleKey} (${subscription().subscriptionId}/${resourceGroup().name})'
    description: 'ACA Promoter: deploy digests to container apps and jobs, manage revisions and traffic, run jobs.'
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

resource operatorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, operatorRole.name)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', operatorRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output roleDefinitionId string = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', operatorRole.name)
