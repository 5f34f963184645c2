// Deployed into the resource group of each Application Insights resource a target's canary analysis reads
// (analysis.applicationInsights in the promotion file): a custom role holding only the Logs query action on
// that component, and its assignment to the app's identity. Nothing else of the component is readable.

param principalId string

@description('Name of the Application Insights resource (Microsoft.Insights/components) in this resource group.')
param componentName string

var permissions = loadJsonContent('../permissions.json')
var roleKey = 'ACA Promoter Request Log Reader'

resource component 'Microsoft.Insights/components@2020-02-02' existing = {
  name: componentName
}

resource readerRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, roleKey)
  properties: {
    // Custom role names are unique per tenant: one definition per resource group.
    roleName: '${roleKey} (${subscription().subscriptionId}/${resourceGroup().name})'
    description: 'ACA Promoter: query the requests of an Application Insights resource for canary analysis.'
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

resource readerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(component.id, principalId, readerRole.name)
  scope: component
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', readerRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
