// Deployed into the resource group of each registry (any subscription):
// - the app's data-plane pull role and a custom role to run ACR Tasks, both on this registry only;
// - the Event Grid system topic of the registry, and (once the code is deployed) the subscription
//   that delivers ImagePushed to OnImagePushed through the Event Grid webhook with the system key.

param registryName string
param location string
param tags object
param principalId string
@allowed([
  'AcrPull'
  'RepositoryReader'
])
param pullRole string
param systemTopicName string
@description('When adopting an existing system topic: the identities it already has, so the PUT keeps them ({ systemAssigned: bool, userAssigned: [<identity resource id>] }). A PUT replaces the identity block whole.')
param existingTopicIdentities object = {}
param deliveryIdentityId string
param deadLetterStorageId string
param deadLetterContainerName string
param functionAppId string
param functionAppHostName string
param deployEventSubscription bool
param imageMediaTypes array

var permissions = loadJsonContent('../permissions.json')
var roleKey = 'ACA Promoter Registry Task Runner'
var pullRoleIds = {
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  RepositoryReader: 'b93aa761-3e63-49ed-ac28-beffa264f7ac'
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, principalId, pullRoleIds[pullRole])
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', pullRoleIds[pullRole])
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource taskRunnerRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, roleKey)
  properties: {
    // Custom role names are unique per tenant: one definition per registry resource group
    // (custom roles cannot be made assignable at a single resource; the assignment below is).
    roleName: '${roleKey} (${subscription().subscriptionId}/${resourceGroup().name})'
    description: 'ACA Promoter: schedule and follow ACR Task runs on this registry. Note that a task run pushes with the task identity.'
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

resource taskRunner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, principalId, taskRunnerRole.name)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', taskRunnerRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

var keepSystemAssigned = contains(existingTopicIdentities, 'systemAssigned') && existingTopicIdentities.systemAssigned
var keptUserAssigned = toObject(contains(existingTopicIdentities, 'userAssigned') ? existingTopicIdentities.userAssigned : [], id => id, id => {})

// A registry has at most one system topic. If it already has one, pass its name as systemTopicName:
// this PUT then adopts it and adds the delivery identity used for dead-lettering.
resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: keepSystemAssigned ? 'SystemAssigned,UserAssigned' : 'UserAssigned'
    userAssignedIdentities: union(keptUserAssigned, {
      '${deliveryIdentityId}': {}
    })
  }
  properties: {
    source: registry.id
    topicType: 'Microsoft.ContainerRegistry.Registries'
  }
}

resource imagePushed 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (deployEventSubscription) {
  parent: systemTopic
  name: 'aca-promoter-image-pushed'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The Event Grid extension's webhook with its system key: the route the Functions docs give
        // for every plan, and the one Microsoft's Flex Consumption samples subscribe with after the
        // code is deployed (Azure-Samples/azure-functions-flex-consumption-samples, E2E/BLOB-PDF).
        endpointUrl: 'https://${functionAppHostName}/runtime/webhooks/EventGrid?functionName=OnImagePushed&code=${listKeys('${functionAppId}/host/default', '2024-04-01').systemKeys.eventgrid_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.ContainerRegistry.ImagePushed'
      ]
      // Signatures, SBOMs and other artifacts never start a promotion: drop them before delivery.
      // The code applies the same rule, so this filter only saves invocations.
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.target.mediaType'
          values: imageMediaTypes
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: deliveryIdentityId
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterStorageId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output systemTopicId string = systemTopic.id
