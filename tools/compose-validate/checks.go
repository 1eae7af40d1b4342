package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
)

type rules struct {
	publicService   string
	scalableService string
}

// checkProject returns one line per broken rule, each naming its service.
func checkProject(project *types.Project, r rules) []string {
	var problems []string
	names := make([]string, 0, len(project.Services))
	for name := range project.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	jobs := oneShotJobs(project)
	for _, name := range names {
		service := project.Services[name]
		report := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("%s: %s", name, fmt.Sprintf(format, args...)))
		}
		if problem := imageProblem(service); problem != "" {
			report("%s", problem)
		}
		if service.Restart == "" && (service.Deploy == nil || service.Deploy.RestartPolicy == nil) {
			report("no restart policy")
		}
		if !jobs[name] && (service.HealthCheck == nil || service.HealthCheck.Disable || len(service.HealthCheck.Test) == 0) {
			report("no health check (only one-shot jobs, restarted on failure and awaited with service_completed_successfully, may go without)")
		}
		for _, port := range service.Ports {
			if port.Published == "" {
				continue
			}
			if name != r.publicService && port.HostIP != "127.0.0.1" {
				report("publishes port %s on %s: bind it to 127.0.0.1", port.Published, hostOrAll(port.HostIP))
			}
		}
		for _, volume := range service.Volumes {
			if volume.Type == types.VolumeTypeBind && !volume.ReadOnly {
				report("writable bind mount %s: keep data in a named volume", volume.Source)
			}
			if volume.Type == types.VolumeTypeBind {
				if _, err := os.Stat(volume.Source); err != nil {
					report("bind mount source %s does not exist", volume.Source)
				}
			}
		}
		if name == r.scalableService {
			if service.ContainerName != "" {
				report("has container_name %q, so `--scale %s=N` cannot start a second one", service.ContainerName, name)
			}
			for _, port := range service.Ports {
				if port.Published != "" {
					report("publishes host port %s, so `--scale %s=N` cannot start a second one", port.Published, name)
				}
			}
		}
	}
	if r.publicService != "" {
		if _, ok := project.Services[r.publicService]; !ok {
			problems = append(problems, fmt.Sprintf("%s: the public service is missing", r.publicService))
		}
	}
	if r.scalableService != "" {
		if _, ok := project.Services[r.scalableService]; !ok {
			problems = append(problems, fmt.Sprintf("%s: the scalable service is missing", r.scalableService))
		}
	}
	return problems
}

// oneShotJobs are services restarted only on failure that another service waits on to complete (schema setup,
// replica-set initiation, bucket creation): they exit when done, so a health check means nothing for them.
func oneShotJobs(project *types.Project) map[string]bool {
	awaited := map[string]bool{}
	for _, service := range project.Services {
		for dependency, condition := range service.DependsOn {
			if condition.Condition == types.ServiceConditionCompletedSuccessfully {
				awaited[dependency] = true
			}
		}
	}
	jobs := map[string]bool{}
	for name, service := range project.Services {
		if awaited[name] && service.Restart == types.RestartPolicyOnFailure {
			jobs[name] = true
		}
	}
	return jobs
}

// imageProblem: an image must be pinned to an exact tag (or a digest); a built service names the image it builds.
func imageProblem(service types.ServiceConfig) string {
	if service.Image == "" {
		if service.Build != nil {
			return "builds an image without naming it (set image: name:version)"
		}
		return "has neither image nor build"
	}
	if strings.Contains(service.Image, "@sha256:") {
		return ""
	}
	reference := service.Image[strings.LastIndex(service.Image, "/")+1:]
	colon := strings.LastIndex(reference, ":")
	if colon < 0 {
		return fmt.Sprintf("image %s has no tag (pin an exact version)", service.Image)
	}
	tag := reference[colon+1:]
	if tag == "latest" || !strings.ContainsAny(tag, "0123456789") {
		return fmt.Sprintf("image %s is not pinned to a version", service.Image)
	}
	if service.Build == nil && strings.Count(strings.TrimPrefix(strings.Split(tag, "-")[0], "v"), ".") < 1 {
		return fmt.Sprintf("image %s names a floating major version (pin major.minor.patch)", service.Image)
	}
	return ""
}

func hostOrAll(hostIP string) string {
	if hostIP == "" {
		return "every interface"
	}
	return hostIP
}
