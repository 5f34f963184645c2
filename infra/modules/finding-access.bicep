// Deployed at each subscription whose Defender findings the sweep reads: Security Reader, enough for
// Resource Graph over securityresources (sub-assessments), and nothing that can change anything.

targetScope = 'subscription'

param principalId string

var securityReaderId = '39bc4728-0917-49c7-9d2c-d95423bc2eb4'

resource securityReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, securityReaderId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', securityReaderId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
