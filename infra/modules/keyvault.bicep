// Key Vault in RBAC mode holding the app's secrets. The Function App reads them through Key Vault
// references resolved with its user-assigned identity (Key Vault Secrets User, granted in main.bicep).
// A secret whose value is empty is not created; its app setting is then empty too.

param location string
param tags object
param name string

@secure()
param approvalKey string
@secure()
param approvalKeyPrevious string
@secure()
param teamsWebhookUrl string
@secure()
param authClientSecret string
@description('Purge protection keeps a deleted vault (and the signing keys) recoverable for 90 days; it cannot be turned off once on.')
param enablePurgeProtection bool

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource approvalKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'promoter-approval-key'
  properties: {
    value: approvalKey
    contentType: 'HMAC key for approval links (base64)'
  }
}

resource approvalKeyPreviousSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(approvalKeyPrevious)) {
  parent: vault
  name: 'promoter-approval-key-previous'
  properties: {
    value: approvalKeyPrevious
    contentType: 'Previous HMAC key, accepted during a rotation'
  }
}

resource teamsWebhookSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(teamsWebhookUrl)) {
  parent: vault
  name: 'promoter-teams-webhook-url'
  properties: {
    value: teamsWebhookUrl
    contentType: 'Teams Workflows webhook URL (the URL is the credential)'
  }
}

resource authClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(authClientSecret)) {
  parent: vault
  name: 'auth-client-secret'
  properties: {
    value: authClientSecret
    contentType: 'Client secret of the Entra app registration used by App Service Authentication'
  }
}

// Versionless references: the platform picks up a new secret version (rotation) without a redeploy.
var prefix = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName='

output id string = vault.id
output name string = vault.name
output approvalKeyReference string = '${prefix}${approvalKeySecret.name})'
output approvalKeyPreviousReference string = empty(approvalKeyPrevious) ? '' : '${prefix}promoter-approval-key-previous)'
output teamsWebhookReference string = empty(teamsWebhookUrl) ? '' : '${prefix}promoter-teams-webhook-url)'
output authClientSecretReference string = empty(authClientSecret) ? '' : '${prefix}auth-client-secret)'
