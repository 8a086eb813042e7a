package org.openmargo.wfm.catalogue;

import static java.nio.charset.StandardCharsets.UTF_8;

/** ApplicationDescription documents for tests: a valid rc.3 one and exact textual changes of it. */
final class Descriptions {
    private Descriptions() {
    }

    /** Two profiles (helm with constraints and extensions, compose), five parameters, every kind of setting. */
    static final String DIGITRON = """
            apiVersion: margo.org/v1-alpha1
            kind: ApplicationDescription
            id: com-northstar-digitron
            metadata:
              name: Digitron orchestrator
              description: The Digitron orchestrator application
              version: 1.2.1
              catalog:
                application:
                  icon: ./resources/ndo-logo.png
                  tagline: Next-gen instrument orchestrator.
                  tags: ["optimization", "instrumentation"]
                author:
                  - name: Roger Wilkershank
                    email: rpwilkershank@northstar-ida.com
                organization:
                  - name: Northstar Industrial Applications
                    site: http://northstar-ida.com
            deploymentProfiles:
              - type: helm
                id: digitron-helm
                description: As Helm charts.
                components:
                  - name: database-services
                    properties:
                      repository: oci://quay.io/charts/realtime-database-services
                      revision: 2.3.7
                      wait: true
                      timeout: 8m30s
                  - name: digitron-orchestrator
                    properties:
                      repository: oci://northstarida.azurecr.io/charts/digitron-orchestrator
                      revision: 1.0.9_build.7
                    x-northstar-extensions:
                      chartValuesSchema: strict
                deviceConstraints:
                  capacityRequirements:
                    cpu:
                      cores: 2
                      architectures: [amd64, arm64]
                    memory: 1024Mi
                    storage: 10Gi
                  eligibilityRules:
                    - propertySelector:
                        matchExpressions:
                          - key: /vendor
                            operator: In
                            values: [Northstar, Acme]
                      labelSelector:
                        matchExpressions:
                          - key: site
                            operator: Exists
                x-northstar-extensions:
                  helmTimeoutPolicy: strict
              - type: compose
                id: digitron-compose
                components:
                  - name: digitron-orchestrator-docker
                    properties:
                      repository: oci://northstarida.azurecr.io/compose/digitron
                      revision: 1.0.9
            parameters:
              idpName:
                value: test
                targets:
                  - pointer: idp.name
                    components: [digitron-orchestrator]
                  - pointer: IDP_NAME
                    components: [digitron-orchestrator-docker]
              pollFrequency:
                value: 30
                targets:
                  - pointer: settings.pollFrequency
                    components: [digitron-orchestrator, database-services]
                  - pointer: POLL_FREQUENCY
                    components: [digitron-orchestrator-docker]
              siteId:
                targets:
                  - pointer: settings.siteId
                    components: [digitron-orchestrator]
                  - pointer: SITE_ID
                    components: [digitron-orchestrator-docker]
              cpuLimit:
                value: 1.5
                targets:
                  - pointer: settings.limits.cpu
                    components: [digitron-orchestrator]
              logLevel:
                value: info
                targets:
                  - pointer: LOG_LEVEL
                    components: [digitron-orchestrator-docker]
            configuration:
              sections:
                - name: General
                  settings:
                    - parameter: pollFrequency
                      name: Poll Frequency
                      schema: pollRange
                    - parameter: siteId
                      name: Site Id
                      schema: siteText
                    - parameter: logLevel
                      name: Log level
                      schema: logLevels
                - name: Identity Provider
                  settings:
                    - parameter: idpName
                      name: Name
                      immutable: true
                      schema: requiredText
                - name: Resource Limits
                  settings:
                    - parameter: cpuLimit
                      name: CPU Limit
                      schema: cpuRange
              schema:
                - name: requiredText
                  dataType: string
                  maxLength: 45
                  allowEmpty: false
                - name: siteText
                  dataType: string
                  minLength: 3
                  regexMatch: ^[A-Z]{2}-[0-9]+$
                - name: pollRange
                  dataType: integer
                  minValue: 30
                  maxValue: 360
                - name: cpuRange
                  dataType: double
                  minValue: 0.5
                  maxValue: 4
                  maxPrecision: 1
                - name: logLevels
                  dataType: string
                  options: [debug, info, warn]
            x-wfm-catalogue-extensions:
              colour: blue
            """;

    /** {@link #DIGITRON} with {@code from} (which must occur exactly once) replaced by {@code to}. */
    static String digitronWith(String from, String to) {
        int at = DIGITRON.indexOf(from);
        if (at < 0 || DIGITRON.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("not exactly once in the fixture: " + from);
        }
        return DIGITRON.substring(0, at) + to + DIGITRON.substring(at + from.length());
    }

    static Description read(String yaml) {
        return DescriptionReader.read(yaml.getBytes(UTF_8));
    }
}
