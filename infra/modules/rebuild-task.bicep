// One target's rebuild task, deployed into the registry's resource group: the multi-step ACR Task
// of ../acr-task/rebuild-and-sign.yaml (build on the patched base, push, sign by digest with
// Notation + the Azure Key Vault plugin) with a system-assigned identity, and that identity's
// AcrPush on the registry (the signature is pushed with it). Key Vault access: rebuild-task-signing.bicep.

param registryName string
param location string
param tags object
@description('ACR Task name; targets[].rebuild.task in the promotion file.')
param taskName string
@description('Repository and tag the task pushes (the tag must match the target\'s tags pattern).')
param repository string
param tag string
@description('Build context: a Git URL (https://github.com/org/repo.git#branch:folder) or a tarball URL.')
param buildContext string
@secure()
@description('Token to read the build context, if the repository is private; empty otherwise.')
param contextAccessToken string = ''
param dockerfile string = 'Dockerfile'
@description('Key Vault key id of the signing certificate (https://<vault>.vault.azure.net/keys/<name>/<version>).')
param signingKeyId string
@description('Whether the Key Vault certificate is self-signed (plugin config self_signed=true).')
param selfSigned bool
@description('The signer image in this registry (built from ../acr-task/signer).')
param signerImage string = 'tools/notation-signer:1'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource task 'Microsoft.ContainerRegistry/registries/tasks@2019-06-01-preview' = {
  parent: registry
  name: taskName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    status: 'Enabled'
    platform: {
      os: 'Linux'
      architecture: 'amd64'
    }
    agentConfiguration: {
      cpu: 2
    }
    timeout: 3600
    step: {
      type: 'EncodedTask'
      encodedTaskContent: loadFileAsBase64('../acr-task/rebuild-and-sign.yaml')
      contextPath: buildContext
      contextAccessToken: empty(contextAccessToken) ? null : contextAccessToken
      values: [
        { name: 'repository', value: repository, isSecret: false }
        { name: 'tag', value: tag, isSecret: false }
        { name: 'dockerfile', value: dockerfile, isSecret: false }
        { name: 'buildContext', value: '.', isSecret: false }
        { name: 'signerImage', value: signerImage, isSecret: false }
        { name: 'signingKeyId', value: signingKeyId, isSecret: false }
        { name: 'selfSigned', value: string(selfSigned), isSecret: false }
      ]
    }
    // The promoter runs it through named task runs (taskRuns); no commit or base-image trigger runs it behind its back.
    trigger: {
      baseImageTrigger: {
        name: 'base'
        baseImageTriggerType: 'Runtime'
        status: 'Disabled'
      }
    }
    credentials: {}
  }
}

var acrPushRoleId = '8311e382-0749-4cb8-b61a-304f252e45ec'

resource push 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, task.id, acrPushRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPushRoleId)
    principalId: task.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output principalId string = task.identity.principalId
