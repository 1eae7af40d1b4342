// compose-validate loads a compose file with the Compose Specification's own loader (compose-go, the library Docker
// Compose v2 is built on): JSON-schema validation, interpolation, consistency checks. Then it applies this project's
// production rules (checks.go). It prints every problem and exits 1 when there is one.
//
//	compose-validate --env-file .env.production.example --public-service app --scalable-service worker docker-compose.yml
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	envFile := flag.String("env-file", "", "the env file whose values the compose file is interpolated with")
	publicService := flag.String("public-service", "", "the one service allowed to publish a port on every interface")
	scalableService := flag.String("scalable-service", "", "a service that must scale with --scale (no container_name, no host port)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: compose-validate [--env-file F] [--public-service S] [--scalable-service S] <compose-file>")
		os.Exit(2)
	}

	options := []cli.ProjectOptionsFn{cli.WithName("validate"), cli.WithResolvedPaths(true)}
	if *envFile != "" {
		options = append(options, cli.WithEnvFiles(*envFile), cli.WithDotEnv)
	}
	projectOptions, err := cli.NewProjectOptions([]string{flag.Arg(0)}, options...)
	if err != nil {
		fail(err)
	}
	project, err := projectOptions.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}

	problems := checkProject(project, rules{publicService: *publicService, scalableService: *scalableService})
	for _, problem := range problems {
		fmt.Println(problem)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Printf("ok: %d services, %d volumes\n", len(project.Services), len(project.Volumes))
}

func fail(err error) {
	fmt.Println(err)
	os.Exit(1)
}
