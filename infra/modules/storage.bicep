// Two storage accounts, both without shared keys:
// - runtime: AzureWebJobsStorage (host + Durable task hub), the Flex deployment package container,
//   and the Event Grid dead-letter container;
// - audit: the append-only audit table, kept apart so it outlives the task hub and can carry a
//   delete lock without getting in the way of the runtime.

param location string
param tags object
param runtimeAccountName string
param auditAccountName string
param deploymentContainerName string
param deadLetterContainerName string
param auditTableName string
@description('Redundancy of the audit account.')
param auditSku string

resource runtime 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: runtimeAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource runtimeBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: runtime
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: runtimeBlobs
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: runtimeBlobs
  name: deadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource audit 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: auditAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: auditSku
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource auditTables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: audit
  name: 'default'
}

resource auditTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: auditTables
  name: auditTableName
}

// The audit trail must survive a careless "delete the resource group": a lock makes that an explicit step.
resource auditLock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: audit
  name: 'audit-trail-do-not-delete'
  properties: {
    level: 'CanNotDelete'
    notes: 'ACA Promoter audit trail (approvals, decisions, outcomes). Remove the lock deliberately before deleting.'
  }
}

output runtimeAccountName string = runtime.name
output runtimeAccountId string = runtime.id
output runtimeBlobEndpoint string = runtime.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainer.name
output deadLetterContainerName string = deadLetterContainer.name
output auditAccountName string = audit.name
output auditAccountId string = audit.id
output auditTableEndpoint string = audit.properties.primaryEndpoints.table
output auditTableId string = auditTable.id
