// Flex Consumption plan (FC1, Linux) and the Java 17 Function App, running as one user-assigned
// identity, with App Service Authentication (Entra ID) in front of the approval and status routes.

param location string
param tags object
param planName string
param appName string
param identityId string
param deploymentBlobContainerUrl string
param maximumInstanceCount int
param instanceMemoryMB int
param appSettings object
@description('Public base URL for approval links; empty for https://<default host name>.')
param publicBaseUrl string

@description('Client id of the Entra app registration used by App Service Authentication.')
param authClientId string
@description('Tenant that issues the sign-in tokens.')
param authTenantId string
@description('Name of the app setting holding the client secret, or empty to sign in without one (ID token flow).')
param authClientSecretSettingName string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  // azd finds the deployment target by this tag (service name in azure.yaml).
  tags: union(tags, { 'azd-service-name': 'promoter' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentBlobContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  // Flex apps may get a regional default host name (<app>-<hash>.<region>-01.azurewebsites.net):
  // take it from the site rather than assuming <app>.azurewebsites.net.
  properties: union(appSettings, {
    PROMOTER_PUBLIC_BASE_URL: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl
  })
}

// Everything under the site requires an Entra sign-in, except:
// - /api/health: anonymous liveness for probes and alerts;
// - /runtime/webhooks/EventGrid: Event Grid cannot sign in; the eventgrid_extension system key guards it.
// The Durable HTTP API (/runtime/webhooks/durabletask) stays behind sign-in: with its system key
// alone anyone could raise the approval event and step around the approval rules.
// The approval page reads the signed-in approver from X-MS-CLIENT-PRINCIPAL-NAME.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  dependsOn: [
    settings
  ]
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/api/health'
        '/runtime/webhooks/EventGrid'
      ]
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: empty(authClientSecretSettingName) ? {
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
          clientId: authClientId
        } : {
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
          clientId: authClientId
          clientSecretSettingName: authClientSecretSettingName
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
      preserveUrlFragmentsForLogins: false
    }
  }
}

output id string = app.id
output name string = app.name
output defaultHostName string = app.properties.defaultHostName
