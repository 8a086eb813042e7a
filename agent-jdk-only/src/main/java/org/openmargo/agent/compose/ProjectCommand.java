package org.openmargo.agent.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;

/**
 * Compose command lines for one deployment's project: {@code <cli> -p <project> --project-directory <empty dir>
 * -f <file>… <verb…>}. The project directory is the agent's empty Compose working directory, so neither CLI reads a
 * {@code .env} file from next to the agent's stored compose files or from the agent's own working directory.
 */
final class ProjectCommand {
    private final ComposeSettings settings;
    private final ComposeSource source;
    private final Path projectDirectory;
    private final String project;

    ProjectCommand(ComposeSettings settings, ComposeSource source, Path projectDirectory, DeploymentSpec deployment) {
        this.settings = settings;
        this.source = source;
        this.projectDirectory = projectDirectory;
        this.project = ProjectName.of(deployment);
    }

    /** The argv over the files of {@code components}, or the failure of resolving one of them. */
    Resolved over(List<ComponentSpec> components, String... verb) {
        List<String> argv = new ArrayList<>(settings.command());
        argv.addAll(List.of("-p", project, "--project-directory", projectDirectory.toString()));
        for (ComponentSpec component : components) {
            switch (source.files(component)) {
                case ComposeSource.Resolution.Files files -> files.paths()
                        .forEach(path -> argv.addAll(List.of("-f", path.toString())));
                case ComposeSource.Resolution.Refused refused -> {
                    return new Resolved(List.of(), Optional.of(new ComponentResult.Failed(refused.code(),
                            "component " + component.name() + ": " + refused.message())));
                }
            }
        }
        argv.addAll(List.of(verb));
        return new Resolved(argv, Optional.empty());
    }

    /**
     * The argv of a project-wide verb ({@code ps}, {@code down}): V2 finds the project by name alone; V1 cannot run
     * without a compose file, so it gets the files of every component of the deployment.
     */
    Resolved whole(DeploymentSpec deployment, String... verb) {
        return over(settings.cli().dialect() == ComposeCli.Dialect.V1 ? deployment.components() : List.of(), verb);
    }

    /**
     * A command line, or why there is none.
     *
     * @param argv    the command line; empty when {@code failure} is present
     * @param failure the failed resolution of a component's files
     */
    record Resolved(List<String> argv, Optional<ComponentResult> failure) {
        Resolved with(String... more) {
            if (failure.isPresent()) {
                return this;
            }
            List<String> longer = new ArrayList<>(argv);
            longer.addAll(List.of(more));
            return new Resolved(longer, failure);
        }
    }
}
