// ACA Promoter: the Function App and everything around it.
// Deploy into one resource group (azd up, or az deployment group create); the targets, registries
// and Defender subscriptions it acts on are reached through modules scoped to them.
// See docs/deploy.md for the steps and docs/operations.md for running it.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('azd environment name; part of every generated resource name.')
@minLength(1)
@maxLength(32)
param environmentName string

@description('Region for the app and its resources (must offer Flex Consumption).')
param location string = resourceGroup().location

@description('Name of the Function App. Default: func-promoter-<token>.')
param functionAppName string = ''

@description('HMAC key that signs approval links (base64, 32+ random bytes). Stored in Key Vault.')
@secure()
param approvalKey string

@description('Previous HMAC key, still accepted during a rotation; empty otherwise. See docs/operations.md.')
@secure()
param approvalKeyPrevious string = ''

@description('Teams Workflows webhook URL ("post to a channel when a webhook request is received"); empty for no Teams.')
@secure()
param teamsWebhookUrl string = ''

@description('Client id of the Entra app registration for App Service Authentication (docs/deploy.md step 2).')
param authClientId string

@description('Client secret of that app registration; empty to sign in with the ID token flow only.')
@secure()
param authClientSecret string = ''

@description('Tenant that signs approvers in. Default: the deployment tenant.')
param authTenantId string = tenant().tenantId

@description('Deploy Azure Communication Services for approval email.')
param deployEmail bool = false

@description('ACS data location (only with deployEmail).')
param emailDataLocation string = 'Europe'

@description('Registries the promoter watches and rebuilds in: [{ id: <registry resource id>, location: <registry region>, systemTopicName?: <existing system topic name>, systemTopicIdentities?: { systemAssigned: bool, userAssigned: [<identity id>] } }].')
param registries array = []

@description('Data-plane pull role on the registries: AcrPull, or RepositoryReader for registries in ABAC repository-permissions mode.')
@allowed([
  'AcrPull'
  'RepositoryReader'
])
param registryPullRole string = 'AcrPull'

@description('Resource groups holding the target container apps, jobs and their environments: [{ subscriptionId: ..., resourceGroup: ... }].')
param targetResourceGroups array = []

@description('Application Insights resources that targets\' canary analysis queries (analysis.applicationInsights): [{ subscriptionId: ..., resourceGroup: ..., name: ... }]. Platform metrics need nothing here: the target role reads them.')
param analysisInsights array = []

@description('Allow-list policy (infra/policy/allowed-images.json, generated from the promotion file) on the target resource groups: Deny, Audit, or Disabled (nothing deployed). Needs Resource Policy Contributor on the target subscriptions.')
@allowed([
  'Deny'
  'Audit'
  'Disabled'
])
param allowListPolicyEffect string = 'Deny'

@description('Signing rebuild tasks, one per target: [{ registryId, location, taskName, repository, tag, buildContext, dockerfile?, signingKeyId, keyVaultId, selfSigned }] (docs/deploy.md, "Signed rebuilds").')
param rebuildTasks array = []

@secure()
@description('Token to read the rebuild tasks\' build contexts (private Git repositories); empty for public ones.')
param rebuildContextAccessToken string = ''

@description('Subscriptions whose Defender findings are read (sweep) and forwarded (workflow automation). Default: this one.')
param findingSubscriptionIds array = [
  subscription().subscriptionId
]

@description('Create the Event Grid subscriptions to the functions. They need the code deployed first (the webhook handshake and the system key), so azd turns this on in its postdeploy hook.')
param deployEventSubscriptions bool = false

@description('Create the Defender for Cloud workflow automation (needs Security Admin on the deploying principal).')
param deployDefenderAutomation bool = true

@description('Object id of the "Windows Azure Security Resource Provider" service principal in this tenant (az ad sp show --id 8edd93e1-2103-40b4-bd70-6e34e586362d --query id -o tsv). When set, it gets Azure Event Hubs Data Sender on the Defender export hub, so the other finding subscriptions export to it as a trusted service (infra/defender-export-subscription.bicep). Empty: they need a connection string instead.')
param defenderResourceProviderPrincipalId string = ''

@description('NCRONTAB schedule of VulnerabilitySweep.')
param sweepSchedule string = '0 0 */6 * * *'

@description('Durable Functions task hub name (letters and digits, 3-45).')
param taskHubName string = 'acapromoter'

@description('Audit table name.')
param auditTableName string = 'promotionaudit'

@description('Redundancy of the audit storage account (ZRS where the region has zones; GRS/GZRS to survive a region loss).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param auditStorageSku string = 'Standard_ZRS'

@description('Key Vault purge protection. Leave on in production; a test environment that is torn down and recreated under the same name needs it off.')
param keyVaultPurgeProtection bool = true

@description('Path of the promotion file, relative to the app root.')
param promoterConfigPath string = 'promotion.yaml'

@description('Public base URL for approval links. Default: https://<default host name of the app>.')
param publicBaseUrl string = ''

@description('What the sign-in app registration emits as group claims (its groupMembershipClaims). Group approvers (group:<id>) need SecurityGroup, All or ApplicationGroup; the app refuses to start otherwise.')
@allowed([ 'None', 'SecurityGroup', 'All', 'ApplicationGroup', 'DirectoryRole' ])
param authGroupClaims string = 'SecurityGroup'

@description('JVM options for the Java worker. The protobuf flag is required: durabletask 1.4.0 ships protobuf classes generated before 3.22, run with protobuf-java 3.25.9.')
param jvmArguments string = '-Dcom.google.protobuf.use_unsafe_pre22_gencode=true'

@description('Flex Consumption scale-out limit (the platform\'s lowest allowed maximum is 40).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption instance memory.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Manifest media types that may start a promotion; other pushes are filtered out by Event Grid.')
param imageMediaTypes array = [
  'application/vnd.docker.distribution.manifest.v2+json'
  'application/vnd.docker.distribution.manifest.list.v2+json'
  'application/vnd.oci.image.manifest.v1+json'
  'application/vnd.oci.image.index.v1+json'
]

@description('Defender assessment keys for container registry image vulnerabilities: current (MDVM) and legacy (Qualys).')
param findingAssessmentKeys array = [
  'c0b7cfc6-3172-465a-b378-53c7ff2cc0d5'
  'dbd0cb49-b563-45e7-9724-889e799fa648'
]

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
  application: 'aca-promoter'
}
var appName = empty(functionAppName) ? 'func-promoter-${token}' : functionAppName
var runtimeStorageName = 'st${token}'
var auditStorageName = 'staud${token}'
var deploymentContainerName = 'app-package-${take(token, 8)}'
var deadLetterContainerName = 'eventgrid-deadletter'
var keyVaultName = 'kv-${token}'
var authSecretSettingName = empty(authClientSecret) ? '' : 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// ---------------------------------------------------------------------------------------------
// Identities: the app, Event Grid delivery (dead-letter writes only), the Defender forwarder
// ---------------------------------------------------------------------------------------------

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-promoter-${token}'
  location: location
  tags: tags
}

resource deliveryIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-eventgrid-${token}'
  location: location
  tags: tags
}

resource forwarderIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-forwarder-${token}'
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------
// Monitoring, storage, secrets
// ---------------------------------------------------------------------------------------------

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    runtimeAccountName: runtimeStorageName
    auditAccountName: auditStorageName
    deploymentContainerName: deploymentContainerName
    deadLetterContainerName: deadLetterContainerName
    auditTableName: auditTableName
    auditSku: auditStorageSku
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: keyVaultName
    approvalKey: approvalKey
    approvalKeyPrevious: approvalKeyPrevious
    teamsWebhookUrl: teamsWebhookUrl
    authClientSecret: authClientSecret
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module email 'modules/email.bicep' = if (deployEmail) {
  name: 'email'
  params: {
    tags: tags
    baseName: token
    dataLocation: emailDataLocation
    principalId: appIdentity.properties.principalId
  }
}

// ---------------------------------------------------------------------------------------------
// Role assignments in this resource group
// ---------------------------------------------------------------------------------------------

resource runtimeStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: runtimeStorageName
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${runtimeStorageName}/default/${deadLetterContainerName}'
}

resource auditTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' existing = {
  name: '${auditStorageName}/default/${auditTableName}'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: 'appi-${token}'
}

// Functions host and Durable task hub with identity-based AzureWebJobsStorage, and the Flex
// deployment package: blob (owner, for the host's lease blobs and the package), queue and table.
var runtimeRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

resource runtimeAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in runtimeRoles: {
  scope: runtimeStorage
  name: guid(runtimeStorage.id, appIdentity.id, role)
  dependsOn: [
    storage
  ]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

// Audit: the one table only. No built-in role is append-only; the code only inserts and reads.
resource auditAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: auditTable
  name: guid(auditTable.id, appIdentity.id, roleIds.storageTableDataContributor)
  dependsOn: [
    storage
  ]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appIdentity.id, roleIds.keyVaultSecretsUser)
  dependsOn: [
    keyVault
  ]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, appIdentity.id, roleIds.monitoringMetricsPublisher)
  dependsOn: [
    monitoring
  ]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Event Grid writes undeliverable events here with its own identity, which can do nothing else.
resource deadLetterAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: deadLetterContainer
  name: guid(deadLetterContainer.id, deliveryIdentity.id, roleIds.storageBlobDataContributor)
  dependsOn: [
    storage
  ]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
    principalId: deliveryIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// The Function App
// ---------------------------------------------------------------------------------------------

var appSettings = {
  // Identity-based host storage (Functions host, Durable Azure Storage provider).
  AzureWebJobsStorage__accountName: runtimeStorageName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: appIdentity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${appIdentity.properties.clientId};Authorization=AAD'
  // Flex Consumption starts the Java worker on demand like the Consumption plan: JVM options go in
  // languageWorkers__java__arguments, which the host appends to the worker's command line on every
  // plan (JAVA_OPTS is the Premium/Dedicated setting). See docs/deploy.md, "JVM options".
  languageWorkers__java__arguments: jvmArguments
  AZURE_CLIENT_ID: appIdentity.properties.clientId
  PROMOTER_CONFIG: promoterConfigPath
  PROMOTER_TASK_HUB: taskHubName
  PROMOTER_APPROVAL_KEY: keyVault.outputs.approvalKeyReference
  PROMOTER_APPROVAL_KEY_PREVIOUS: keyVault.outputs.approvalKeyPreviousReference
  PROMOTER_TEAMS_WEBHOOK_URL: keyVault.outputs.teamsWebhookReference
  PROMOTER_EMAIL_ENDPOINT: deployEmail ? email.outputs.endpoint : ''
  PROMOTER_EMAIL_SENDER: deployEmail ? email.outputs.sender : ''
  PROMOTER_AUDIT_TABLE_ENDPOINT: 'https://${auditStorageName}.table.${environment().suffixes.storage}'
  PROMOTER_AUDIT_TABLE: auditTableName
  PROMOTER_SWEEP_SCHEDULE: sweepSchedule
  PROMOTER_ARM_ENDPOINT: environment().resourceManager
  PROMOTER_RESOURCE_GRAPH_SUBSCRIPTIONS: join(findingSubscriptionIds, ',')
  PROMOTER_AUTH_GROUP_CLAIMS: authGroupClaims
  PROMOTER_DEFENDER_EVENTHUB__fullyQualifiedNamespace: defenderExport.outputs.fullyQualifiedNamespace
  PROMOTER_DEFENDER_EVENTHUB__credential: 'managedidentity'
  PROMOTER_DEFENDER_EVENTHUB__clientId: appIdentity.properties.clientId
  PROMOTER_DEFENDER_EVENTHUB_NAME: defenderExport.outputs.hubName
  PROMOTER_DEFENDER_EVENTHUB_CONSUMER_GROUP: defenderExport.outputs.consumerGroupName
}
var authSettings = empty(authClientSecret) ? {} : {
  MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: keyVault.outputs.authClientSecretReference
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [
    runtimeAccess
    secretsAccess
    telemetryAccess
  ]
  params: {
    location: location
    tags: tags
    planName: 'plan-${token}'
    appName: appName
    identityId: appIdentity.id
    deploymentBlobContainerUrl: '${storage.outputs.runtimeBlobEndpoint}${deploymentContainerName}'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: union(appSettings, authSettings)
    publicBaseUrl: publicBaseUrl
    authClientId: authClientId
    authTenantId: authTenantId
    authClientSecretSettingName: authSecretSettingName
  }
}

// ---------------------------------------------------------------------------------------------
// Targets, registries, Defender findings (other resource groups and subscriptions)
// ---------------------------------------------------------------------------------------------

module targetAccess 'modules/target-access.bicep' = [for t in targetResourceGroups: {
  name: take('promoter-target-${uniqueString(t.subscriptionId, t.resourceGroup)}', 64)
  scope: resourceGroup(t.subscriptionId, t.resourceGroup)
  params: {
    principalId: appIdentity.properties.principalId
  }
}]

// Canary analysis: the requests table of each Application Insights resource a target names, and nothing else of it.
module insightsAccess 'modules/insights-access.bicep' = [for c in analysisInsights: {
  name: take('promoter-insights-${uniqueString(c.subscriptionId, c.resourceGroup, c.name)}', 64)
  scope: resourceGroup(c.subscriptionId, c.resourceGroup)
  params: {
    principalId: appIdentity.properties.principalId
    componentName: c.name
  }
}]

// Container Apps long-running operations are polled at subscription scope (see the module).
var targetSubscriptionIds = union(map(targetResourceGroups, t => t.subscriptionId), [])

module targetSubscriptionAccess 'modules/target-subscription-access.bicep' = [for id in targetSubscriptionIds: {
  name: take('promoter-target-sub-${uniqueString(id, resourceGroup().id)}', 64)
  scope: subscription(id)
  params: {
    principalId: appIdentity.properties.principalId
  }
}]

// The allow-list as Azure Policy: one definition per target subscription, one assignment per target resource group.
module allowedImagesDefinition 'modules/allowed-images-definition.bicep' = [for id in targetSubscriptionIds: if (allowListPolicyEffect != 'Disabled') {
  name: take('promoter-allowlist-${uniqueString(id)}', 64)
  scope: subscription(id)
}]

module allowedImagesAssignment 'modules/allowed-images-assignment.bicep' = [for t in targetResourceGroups: if (allowListPolicyEffect != 'Disabled') {
  name: take('promoter-allowlist-${uniqueString(t.subscriptionId, t.resourceGroup)}', 64)
  scope: resourceGroup(t.subscriptionId, t.resourceGroup)
  params: {
    definitionId: subscriptionResourceId(t.subscriptionId, 'Microsoft.Authorization/policyDefinitions', 'aca-promoter-allowed-images')
    effect: allowListPolicyEffect
  }
  dependsOn: [
    allowedImagesDefinition
  ]
}]

// Signing rebuild tasks: build on the patched base, push, sign with Notation + Key Vault as the task's identity.
module rebuildTask 'modules/rebuild-task.bicep' = [for t in rebuildTasks: {
  name: take('promoter-task-${uniqueString(t.registryId, t.taskName)}', 64)
  scope: resourceGroup(split(t.registryId, '/')[2], split(t.registryId, '/')[4])
  params: {
    registryName: split(t.registryId, '/')[8]
    location: t.location
    tags: tags
    taskName: t.taskName
    repository: t.repository
    tag: t.tag
    buildContext: t.buildContext
    contextAccessToken: rebuildContextAccessToken
    dockerfile: contains(t, 'dockerfile') ? t.dockerfile : 'Dockerfile'
    signingKeyId: t.signingKeyId
    selfSigned: t.selfSigned
  }
}]

module rebuildTaskSigning 'modules/rebuild-task-signing.bicep' = [for (t, i) in rebuildTasks: {
  name: take('promoter-signing-${uniqueString(t.keyVaultId, t.taskName)}', 64)
  scope: resourceGroup(split(t.keyVaultId, '/')[2], split(t.keyVaultId, '/')[4])
  params: {
    keyVaultName: split(t.keyVaultId, '/')[8]
    principalId: rebuildTask[i].outputs.principalId
  }
}]

module registryAccess 'modules/registry.bicep' = [for r in registries: {
  name: take('promoter-registry-${uniqueString(r.id)}', 64)
  scope: resourceGroup(split(r.id, '/')[2], split(r.id, '/')[4])
  params: {
    registryName: split(r.id, '/')[8]
    location: r.location
    tags: tags
    principalId: appIdentity.properties.principalId
    pullRole: registryPullRole
    systemTopicName: contains(r, 'systemTopicName') ? r.systemTopicName : 'evgt-${split(r.id, '/')[8]}'
    existingTopicIdentities: contains(r, 'systemTopicIdentities') ? r.systemTopicIdentities : {}
    deliveryIdentityId: deliveryIdentity.id
    deadLetterStorageId: runtimeStorage.id
    deadLetterContainerName: deadLetterContainerName
    functionAppId: functionApp.outputs.id
    functionAppHostName: functionApp.outputs.defaultHostName
    deployEventSubscription: deployEventSubscriptions
    imageMediaTypes: imageMediaTypes
  }
  dependsOn: [
    deadLetterAccess
  ]
}]

module findingAccess 'modules/finding-access.bicep' = [for id in findingSubscriptionIds: {
  name: take('promoter-findings-${uniqueString(id, resourceGroup().id)}', 64)
  scope: subscription(id)
  params: {
    principalId: appIdentity.properties.principalId
  }
}]

module defenderExport 'modules/defender-export.bicep' = {
  name: 'defender-export'
  params: {
    location: location
    tags: tags
    namespaceName: 'evhns-findings-${token}'
    hubName: 'defender-export'
    consumerGroupName: 'aca-promoter'
    automationName: 'aca-promoter-export-${token}'
    deployAutomation: deployDefenderAutomation
    receiverPrincipalId: appIdentity.properties.principalId
    assessmentKeys: findingAssessmentKeys
    securityProviderPrincipalId: defenderResourceProviderPrincipalId
  }
}

module findings 'modules/findings.bicep' = {
  name: 'findings'
  dependsOn: [
    deadLetterAccess
  ]
  params: {
    location: location
    tags: tags
    topicName: 'evgt-findings-${token}'
    logicAppName: 'logic-findings-${token}'
    automationName: 'aca-promoter-findings-${token}'
    forwarderIdentityId: forwarderIdentity.id
    forwarderPrincipalId: forwarderIdentity.properties.principalId
    deliveryIdentityId: deliveryIdentity.id
    deadLetterStorageId: runtimeStorage.id
    deadLetterContainerName: deadLetterContainerName
    functionAppId: functionApp.outputs.id
    functionAppHostName: functionApp.outputs.defaultHostName
    deployEventSubscription: deployEventSubscriptions
    deployDefenderAutomation: deployDefenderAutomation
    assessmentKeys: findingAssessmentKeys
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs (azd stores them in the environment)
// ---------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = functionApp.outputs.defaultHostName
output PROMOTER_IDENTITY_PRINCIPAL_ID string = appIdentity.properties.principalId
output PROMOTER_IDENTITY_CLIENT_ID string = appIdentity.properties.clientId
output PROMOTER_KEY_VAULT_NAME string = keyVault.outputs.name
output PROMOTER_AUDIT_STORAGE_ACCOUNT string = auditStorageName
output PROMOTER_RUNTIME_STORAGE_ACCOUNT string = runtimeStorageName
output PROMOTER_DEADLETTER_CONTAINER string = deadLetterContainerName
output PROMOTER_FINDINGS_TOPIC_ENDPOINT string = findings.outputs.topicEndpoint
output PROMOTER_DEFENDER_EXPORT_HUB_ID string = defenderExport.outputs.hubId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
