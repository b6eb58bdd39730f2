package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
)

// cmdCompletion prints the completion script for a shell.
func cmdCompletion(e *env, _ *options, args []string) int {
	root := e.rootCmd
	var err error
	switch args[0] {
	case "bash":
		err = root.GenBashCompletionV2(e.stdout, true)
	case "zsh":
		err = root.GenZshCompletion(e.stdout)
	case "fish":
		err = root.GenFishCompletion(e.stdout, true)
	default:
		return e.usage("completion", errUnknownShell(args[0]))
	}
	if err != nil {
		return e.fail(err)
	}
	return exitOK
}

type errUnknownShell string

func (s errUnknownShell) Error() string {
	msg := "unknown shell " + string(s) + ": bash, zsh or fish"
	if m := suggest(string(s), []string{"bash", "zsh", "fish"}); m != "" {
		msg += " (did you mean " + m + "?)"
	}
	return msg
}

// completeFlags registers the completion of cmd's flags that have values
// to choose from: the project's article slugs and locales, and the values
// of --policy, --format and --fail-on.
func (e *env) completeFlags(cmd *cobra.Command) {
	fixed := func(values ...string) cobra.CompletionFunc {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	funcs := map[string]cobra.CompletionFunc{
		"article": completeArticles,
		"locale":  completeLocales,
		"policy":  fixed("mark", "fail", "ship"),
		"fail-on": fixed("error", "warning"),
		"source":  fixed("en"),
	}
	switch cmd.Name() {
	case "check":
		funcs["format"] = fixed("text", "json", "sarif", "github")
	case "export":
		funcs["format"] = fixed("xliff", "po")
	case "init":
		// A new project has no locales to offer.
		funcs["locale"] = cobra.NoFileCompletions
	}
	for name, f := range funcs {
		if cmd.Flags().Lookup(name) != nil {
			_ = cmd.RegisterFlagCompletionFunc(name, f)
		}
	}
}

// completionProject opens the project for a completion, from the folder
// given with -C on the command line being completed.
func completionProject(cmd *cobra.Command) *project.Project {
	dir := "."
	if d, err := cmd.Flags().GetString("directory"); err == nil && d != "" {
		dir = d
	}
	root, err := project.FindRoot(dir)
	if err != nil {
		return nil
	}
	p, err := project.Open(root)
	if err != nil {
		return nil
	}
	return p
}

// completeArticles completes --article (and mv's OLD) with the project's
// slugs.
func completeArticles(cmd *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	var out []string
	if p := completionProject(cmd); p != nil {
		slugs, _ := p.Articles()
		for _, s := range slugs {
			if strings.HasPrefix(s, prefix) {
				out = append(out, s)
			}
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeLocales completes --locale with the project's locales: the
// target locales, the source for build, and the pseudo-locale for pseudo
// and build.
func completeLocales(cmd *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	p := completionProject(cmd)
	if p == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	locs := p.Locales
	switch cmd.Name() {
	case "build":
		locs = append([]string{p.Source}, append(locs, pseudo.Locale)...)
	case "pseudo":
		locs = []string{pseudo.Locale}
	}
	var out []string
	for _, l := range locs {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
