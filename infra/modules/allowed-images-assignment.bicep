// Assigns the allow-list policy on one target resource group (production and staging apps and
// jobs). effect: Deny (default) or Audit; registries come from the definition's default, i.e.
// the promotion file. Exemptions: docs/operations.md, "Allow-list policy".

param definitionId string
@allowed([
  'Deny'
  'Audit'
  'Disabled'
])
param effect string

resource assignment 'Microsoft.Authorization/policyAssignments@2024-04-01' = {
  name: 'aca-promoter-allowed-images'
  properties: {
    displayName: 'ACA Promoter: digest-pinned images from allowed registries (${resourceGroup().name})'
    policyDefinitionId: definitionId
    enforcementMode: 'Default'
    parameters: {
      effect: {
        value: effect
      }
    }
    nonComplianceMessages: [
      {
        message: 'Container Apps and jobs here must run images pinned by digest (@sha256:) from the registries of the ACA Promoter promotion file. Promote through ACA Promoter, or ask for a policy exemption (docs/operations.md).'
      }
    ]
  }
}
