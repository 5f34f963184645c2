// Deployed into the signing Key Vault's resource group: lets a rebuild task's identity sign with
// the certificate's key ("Key Vault Crypto User": keys/sign) and read the certificate and its
// chain ("Key Vault Certificate User"; "Key Vault Secrets User" when the chain is read from the
// certificate's secret), on this vault only. The vault must use Azure RBAC authorization.

param keyVaultName string
param principalId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

var roles = [
  '12338af0-0e69-4776-bea7-57ae8d297424' // Key Vault Crypto User
  'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba' // Key Vault Certificate User
  '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User
]

resource grants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  scope: vault
  name: guid(vault.id, principalId, role)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]
