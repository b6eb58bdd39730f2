package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/l10n-dev/l10n/internal/gcpace"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// command is one line of l10n's table of commands: its name, its help,
// the flags it takes and the function that runs it. The command tree,
// the help, the flag parsing and the completion are made from the table.
type command struct {
	name string // "build", or "locale add" for a subcommand
	// args is what follows the name in the usage line, after [flags].
	args    string
	summary string // one line, lower case, no full stop
	long    string // paragraphs for --help; "" for the summary
	// examples are command lines, each with a comment after " # ".
	examples []string
	// selection adds --locale and --article; json adds --json; shard
	// adds --shard.
	selection, json, shard bool
	// flags adds the command's own flags, bound to o.
	flags func(fs *pflag.FlagSet, o *options)
	// nargs checks the positional arguments; nil allows none.
	nargs cobra.PositionalArgs
	// completeArgs completes the positional arguments.
	completeArgs cobra.CompletionFunc
	run          func(e *env, o *options, args []string) int
	// writes reports whether a run with these options writes into the
	// project: such a run holds the project lock from the moment it
	// opens the project (see lock.go); nil for a command that only reads.
	writes func(o *options) bool
	// idle says that a run often finds nothing to do (its records say
	// that every input is as it left them): it paces the collector with
	// the idle floor until it finds work (gcpace.StartIdle).
	idle bool
}

// shardFlag is the value of --shard.
type shardFlag struct{ project.Shard }

func (f *shardFlag) String() string { return f.Shard.String() }

// Set reads i/n.
func (f *shardFlag) Set(v string) error {
	s, err := project.ParseShard(v)
	f.Shard = s
	return err
}

func (f *shardFlag) Type() string { return "shard" }

// always is the writes of a command that always writes.
func always(*options) bool { return true }

// options holds the values of every command's flags.
type options struct {
	locales, articles list
	json              bool
	shard             shardFlag
	// build
	policy string
	force  bool
	// status
	strict bool
	// check and export
	format, failOn string
	output         string
	// import
	dryRun bool
	// init
	source string
	// glossary import
	langMap list
	// serve
	addr string
	open bool
}

// commands returns the table of commands, in the order of the help.
func commands() []command {
	return []command{
		{
			name: "init", summary: "start a project here: l10n.yaml, glossary.yaml, .gitignore, articles/",
			long:     "Makes the folder (or -C dir) an l10n project: l10n.yaml with the source and target locales, an empty glossary.yaml whose first line points editors to glossary.schema.json (written beside it), a .gitignore for out/, the project lock and the temporary files of an interrupted write, and an articles/ folder. A file already there is kept as it is.",
			examples: []string{"l10n init --locale uk,ru   # English articles, Ukrainian and Russian editions", "l10n -C newsroom init --source de --locale en"},
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.Var(&o.locales, "locale", "a target locale `L`, a BCP 47 tag (repeatable or comma-separated)")
				fs.StringVar(&o.source, "source", "", "the articles' language `L` (default en)")
			},
			run: cmdInit,
		},
		{
			name: "locale add", args: "L", summary: "add a target locale: its catalogs, and l10n.yaml",
			long:     "Adds L, any BCP 47 tag (uk, pt-BR, sr-Latn), to the project's target locales: writes its catalog for every article, every unit missing, and adds it to l10n.yaml (created if need be), changing only the locales line.",
			examples: []string{"l10n locale add de", "l10n locale add pt-BR"},
			nargs:    exactArgs(1, "a locale, such as de or pt-BR"),
			completeArgs: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return nil, cobra.ShellCompDirectiveNoFileComp
			},
			run:    cmdLocaleAdd,
			writes: always,
		},
		{
			name: "extract", summary: "segment articles and update every catalog (keeps all translations)",
			long:      "Cuts each article into units, writes its source catalog locales/<slug>/en.yaml and merges every target catalog: known units keep their ids and translations wherever they moved, edited ones become stale, new ones are missing, removed ones are kept as obsolete. Running it twice changes no byte.",
			examples:  []string{"l10n extract", "l10n extract --article budget-vote --locale uk"},
			selection: true, shard: true,
			idle:   true,
			run:    cmdExtract,
			writes: always,
		},
		{
			name: "build", summary: "write out/<locale>/<slug>.md and .html",
			long:      "Writes each article's editions: the source locale's (the article byte for byte) and the target locales', as Markdown and as a standalone HTML page, and each locale's index.html. An edition whose inputs did not change since the last build is not built again. Missing and stale units, and those pre-filled from the translation memory that no translator reviewed (# l10n:review), follow --policy.",
			examples:  []string{"l10n build", "l10n build --locale uk --policy fail   # in CI: refuse incomplete editions"},
			selection: true, shard: true, json: true,
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.StringVar(&o.policy, "policy", "mark", "what to do with missing, stale and to-review units (the `MODE`): mark (show the English, the old translation or the memory's, labelled), fail (build nothing, exit 1) or ship (show them, unlabelled)")
				fs.BoolVar(&o.force, "force", false, "build every edition, even one that is up to date")
			},
			idle:   true,
			run:    cmdBuild,
			writes: always,
		},
		{
			name: "status", summary: "count translated, missing, stale and obsolete units",
			long:      "Prints a table of each article and locale: units translated, missing, stale and obsolete, and the English words of the units still to translate (missing or stale), with a total. Below the table's full width it puts each article on a line of its own.",
			examples:  []string{"l10n status", "l10n status --locale uk --strict   # exit 1 while anything is left"},
			selection: true, json: true,
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.BoolVar(&o.strict, "strict", false, "exit 1 when any unit is missing, stale, to review or in conflict")
			},
			idle: true,
			run:  cmdStatus,
		},
		{
			name: "check", summary: "check catalogs: missing, stale, markup, numbers, glossary, spelling, typography",
			long:      "Checks every unit of the selected catalogs and prints one finding a line, file:line: severity: [check] unit: message, on standard output, and a count on standard error. Nothing at all when everything is clean.",
			examples:  []string{"l10n check", "l10n check --format sarif > l10n.sarif   # for code scanning"},
			selection: true, shard: true, json: true,
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.StringVar(&o.format, "format", "text", "print the findings as `FORMAT`: text, json, sarif (SARIF 2.1.0, for code scanning) or github (workflow commands that annotate a pull request)")
				fs.StringVar(&o.failOn, "fail-on", "error", "exit 1 when a finding reaches `SEVERITY`: error or warning")
			},
			idle: true,
			run:  cmdCheck,
		},
		{
			name: "pseudo", summary: "write a pseudo-translated catalog, to test editions before translations arrive",
			long:      "Writes a catalog in which every unit is pseudo-translated (accented, about 30% longer, bracketed; markup, URLs and code untouched), for the locale en-XA unless --locale names another. build --locale en-XA then builds it like any locale.",
			examples:  []string{"l10n pseudo && l10n build --locale en-XA"},
			selection: true,
			flags: func(fs *pflag.FlagSet, _ *options) {
				fs.Lookup("locale").Usage = "the pseudo-locale `L` to write (default en-XA); the source locale and catalogs that hold translations are refused"
			},
			run:    cmdPseudo,
			writes: always,
		},
		{
			name: "prune", summary: "delete obsolete entries (the only command that drops translations)",
			examples:  []string{"l10n prune --locale uk"},
			selection: true,
			run:       cmdPrune,
			writes:    always,
		},
		{
			name: "mv", args: "OLD NEW", summary: "rename an article and take its catalogs along (also after git mv)",
			long:     "OLD and NEW are slugs or paths (articles/OLD.md). articles/OLD.md becomes articles/NEW.md and locales/OLD becomes locales/NEW; after git mv, only the catalogs move. The next build removes OLD's editions.",
			examples: []string{"l10n mv budget-vote budget-vote-2025", "git mv articles/a.md articles/b.md && l10n mv a b"},
			nargs:    exactArgs(2, "OLD and NEW (l10n mv OLD NEW)"),
			completeArgs: func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return completeArticles(cmd, args, prefix)
			},
			run:    cmdMove,
			writes: always,
		},
		{
			name: "export", summary: "export catalogs for a CAT tool (XLIFF 1.2 or PO)",
			long:      "Writes the catalogs of a locale as one XLIFF 1.2 or PO file, with context and glossary hints for the translator. Without -o the one locale goes to standard output; with several locales -o names a folder (one <locale>.xlf or .po in it) or a file that gets the locale before its extension (-o x.po writes x.uk.po and x.ru.po).",
			examples:  []string{"l10n export --locale uk -o uk.po", "l10n export --format xliff -o out/xliff/   # one file per locale"},
			selection: true,
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.StringVar(&o.format, "format", "", "the file's `FORMAT`: xliff (XLIFF 1.2) or po (gettext PO); default: from the extension of -o")
				fs.StringVarP(&o.output, "output", "o", "", "write to `FILE` (or a folder, ending in /) instead of standard output")
			},
			run:    cmdExport,
			writes: func(o *options) bool { return o.output != "" },
		},
		{
			name: "import", args: "FILE...", summary: "merge translations from XLIFF or PO files into the catalogs",
			long:     "Reads XLIFF and PO files written by l10n export (and edited in a CAT tool; - is standard input), checks them all, and merges their translations into the catalogs, three ways: a unit changed in the catalog since the export keeps the catalog's text, one changed on both sides is a conflict (exit 1). Nothing is written if a file is malformed.",
			examples: []string{"l10n import uk.po", "l10n import --dry-run *.xlf   # what would happen to each unit"},
			json:     true,
			nargs:    minArgs(1, "a file to import (l10n import FILE...)"),
			completeArgs: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return []string{"po", "xlf", "xliff"}, cobra.ShellCompDirectiveFilterFileExt
			},
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.BoolVar(&o.dryRun, "dry-run", false, "check the files and print what would happen to each unit, without writing")
			},
			run:    cmdImport,
			writes: func(o *options) bool { return !o.dryRun },
		},
		{
			name: "tm export", summary: "write the translation memory as TMX 1.4b, for other CAT tools",
			long:     "Writes every translated unit of every catalog, with its English, as a TMX 1.4b file (one translation unit per unit, a variant per locale; a translation pre-filled from the memory and not confirmed carries the property x-l10n-state needs-review). Without -o it goes to standard output. TMX files of other tools join the memory when they are put in tm/.",
			examples: []string{"l10n tm export -o newsroom.tmx", "l10n tm export --locale uk -o uk.tmx"},
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.Var(&o.locales, "locale", "a target locale `L` (repeatable or comma-separated; default: the project's)")
				fs.StringVarP(&o.output, "output", "o", "", "write to `FILE` instead of standard output")
			},
			run:    cmdTMExport,
			writes: func(o *options) bool { return o.output != "" },
		},
		{
			name: "glossary import", args: "FILE.tbx", summary: "add the terms of a TBX termbase to glossary.yaml",
			long:     "Reads a TBX file (TBX-Basic or TBX 2008: term entries, language sets; preferred and admitted terms become approved forms, deprecated and superseded ones forbidden) and appends its new terms to glossary.yaml, keeping every existing entry, comment and byte. A term the glossary has already is not changed: it is listed with the forms the file has and the glossary lacks, for you to add by hand.",
			examples: []string{"l10n glossary import agency.tbx", "l10n glossary import --map xx=uk terms.tbx   # csv2tbx names the target xx"},
			nargs:    exactArgs(1, "a TBX file (l10n glossary import FILE.tbx)"),
			completeArgs: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return []string{"tbx"}, cobra.ShellCompDirectiveFilterFileExt
			},
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.Var(&o.langMap, "map", "read the file's language FROM as the locale TO: `FROM=TO` (repeatable or comma-separated)")
				fs.BoolVar(&o.dryRun, "dry-run", false, "say what would be added, without writing")
			},
			run:    cmdGlossaryImport,
			writes: func(o *options) bool { return !o.dryRun },
		},
		{
			name: "glossary export", summary: "write glossary.yaml as a TBX-Basic termbase",
			examples: []string{"l10n glossary export -o newsroom.tbx"},
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.StringVarP(&o.output, "output", "o", "", "write to `FILE` instead of standard output")
			},
			run:    cmdGlossaryExport,
			writes: func(o *options) bool { return o.output != "" },
		},
		{
			name: "serve", summary: "open the translators' workbench in the browser",
			long:     "Serves a local web application over the project's catalogs: a dashboard of every article in every locale, and an editor with the English beside the translation, glossary hints, memory suggestions, the findings of check as you type and a preview of the edition. Saves go into the catalogs as every command writes them; a unit someone else changed on disk meanwhile is never overwritten. It listens on 127.0.0.1 unless --addr says otherwise, and runs until interrupted.",
			examples: []string{"l10n serve --open", "l10n serve --addr 127.0.0.1:9000"},
			flags: func(fs *pflag.FlagSet, o *options) {
				fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "where to listen, `host:port` (port 0 picks a free one)")
				fs.BoolVar(&o.open, "open", false, "open the workbench in the browser")
			},
			run: cmdServe,
		},
		{
			name: "completion", args: "bash|zsh|fish", summary: "print a shell completion script (commands, flags, articles, locales)",
			long: "Prints a script that completes l10n's commands and flags, and the article slugs and locales of the project you are in, for bash, zsh or fish.",
			examples: []string{
				"source <(l10n completion bash)   # in ~/.bashrc",
				"l10n completion zsh > \"${fpath[1]}/_l10n\"",
				"l10n completion fish > ~/.config/fish/completions/l10n.fish",
			},
			nargs: exactArgs(1, "a shell: bash, zsh or fish"),
			completeArgs: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return []string{"bash", "zsh", "fish"}, cobra.ShellCompDirectiveNoFileComp
			},
			run: cmdCompletion,
		},
		{
			name: "version", summary: "print l10n's version",
			examples: []string{"l10n version"},
			run:      cmdVersion,
		},
	}
}

// commandTree makes the cobra commands of the table.
func (e *env) commandTree() *cobra.Command {
	// The commands show in the table's order.
	cobra.EnableCommandSorting = false
	root := &cobra.Command{
		Use:               "l10n",
		Short:             "translate Markdown news articles through go-i18n YAML catalogs",
		Version:           version(),
		SilenceErrors:     true,
		SilenceUsage:      true,
		Args:              unknownCommand,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
		RunE: func(cmd *cobra.Command, args []string) error {
			// No command: the help, on standard error.
			help(e.stderr, cmd, e.width)
			e.code = exitInput
			return nil
		},
	}
	e.rootCmd = root
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("l10n {{.Version}}\n")
	pf := root.PersistentFlags()
	pf.StringVarP(&e.dir, "directory", "C", ".", "run as if l10n was started in `dir`; the project is found from there upward")
	pf.BoolVarP(&e.quiet, "quiet", "q", false, "print no summary line, only data, warnings and errors")
	pf.BoolVarP(&e.verbose, "verbose", "v", false, "print every detail, not the first few")
	root.Flags().Bool("version", false, "print l10n's version")
	root.SetFlagErrorFunc(e.flagError)
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) { help(e.stdout, cmd, e.width) })
	root.SetHelpCommand(e.helpCommand(root))
	_ = root.RegisterFlagCompletionFunc("directory", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})

	for _, c := range commands() {
		parent := root
		words := strings.Fields(c.name)
		for _, w := range words[:len(words)-1] {
			parent = groupCommand(parent, w, e)
		}
		o := &options{}
		cmd := &cobra.Command{
			Use:               words[len(words)-1],
			Short:             c.summary,
			Long:              c.long,
			Example:           strings.Join(c.examples, "\n"),
			Args:              c.nargs,
			ValidArgsFunction: c.completeArgs,
			Annotations:       map[string]string{"args": c.args},
		}
		if cmd.Args == nil {
			cmd.Args = exactArgs(0, "")
		}
		if cmd.ValidArgsFunction == nil {
			cmd.ValidArgsFunction = cobra.NoFileCompletions
		}
		fs := cmd.Flags()
		fs.SortFlags = false
		if c.selection {
			fs.Var(&o.locales, "locale", "a target locale `L` (repeatable or comma-separated; default: the project's)")
			fs.Var(&o.articles, "article", "an article `SLUG` (repeatable or comma-separated; default: every article)")
		}
		if c.shard {
			fs.Var(&o.shard, "shard", "work on part `I/N` of the articles (1 ≤ I ≤ N): those whose slug hashes to it, the same split on every machine (see README, Performance)")
		}
		if c.flags != nil {
			c.flags(fs, o)
		}
		if c.json {
			fs.BoolVar(&o.json, "json", false, "print the result as JSON")
		}
		e.completeFlags(cmd)
		run, writes, idle := c.run, c.writes, c.idle
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			switch {
			case paced && idle:
				gcpace.StartIdle(gcpace.Idle, gcpace.Floor)
			case paced:
				gcpace.Start(gcpace.Floor)
			}
			if writes != nil && writes(o) {
				e.lockAs = lockName(e.args)
				defer e.unlock()
			}
			e.shard = o.shard.Shard
			e.code = run(e, o, args)
			return nil
		}
		parent.AddCommand(cmd)
	}
	return root
}

// groupCommand returns the command name under parent that groups
// subcommands (locale), making it if need be.
func groupCommand(parent *cobra.Command, name string, e *env) *cobra.Command {
	for _, c := range parent.Commands() {
		if c.Name() == name {
			return c
		}
	}
	g := &cobra.Command{
		Use:   name,
		Short: groupSummary[name],
		Args:  unknownCommand,
		RunE: func(cmd *cobra.Command, args []string) error {
			help(e.stderr, cmd, e.width)
			e.code = exitInput
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	parent.AddCommand(g)
	return g
}

// groupSummary is the help line of each command with subcommands.
var groupSummary = map[string]string{
	"locale":   "manage the project's locales",
	"tm":       "the translation memory: export it as TMX",
	"glossary": "the glossary: import and export TBX termbases",
}

// helpCommand is "l10n help [command]": the command's help, or the
// commands.
func (e *env) helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "print the help of l10n or of a command",
		RunE: func(_ *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil {
				return err
			}
			if len(rest) > 0 {
				return unknownCommand(cmd, rest)
			}
			help(e.stdout, cmd, e.width)
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			var names []string
			if len(args) == 0 {
				for _, c := range root.Commands() {
					if c.IsAvailableCommand() {
						names = append(names, c.Name()+"\t"+c.Short)
					}
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
	}
}

// flagError is the flag error function of every command.
func (e *env) flagError(cmd *cobra.Command, err error) error {
	// An unknown command before the bad flag is the first mistake.
	if !cmd.HasParent() {
		if arg := firstCommandWord(cmd, e.args); arg != "" {
			if uerr := unknownCommand(cmd, []string{arg}); uerr != nil {
				return uerr
			}
		}
	}
	return flagError(cmd, err)
}

// firstCommandWord returns the first argument of args that is neither a
// flag nor the value of one of cmd's flags.
func firstCommandWord(cmd *cobra.Command, args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return ""
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return a
		}
		if strings.Contains(a, "=") {
			continue
		}
		var f *pflag.Flag
		if strings.HasPrefix(a, "--") {
			f = cmd.Flags().Lookup(a[2:])
		} else if len(a) == 2 {
			f = cmd.Flags().ShorthandLookup(a[1:])
		}
		if f != nil && f.NoOptDefVal == "" {
			i++ // its value
		}
	}
	return ""
}

// exactArgs checks that a command has n positional arguments; what names
// them in the error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) > n && n == 0:
			return &usageErr{cmd.CommandPath(), fmt.Sprintf("unexpected argument %q (run '%s --help' for usage)", args[0], cmd.CommandPath())}
		case len(args) > n:
			return &usageErr{cmd.CommandPath(), fmt.Sprintf("unexpected argument %q: give %s", args[n], what)}
		case len(args) < n:
			return &usageErr{cmd.CommandPath(), "missing argument: give " + what}
		}
		return nil
	}
}

// minArgs checks that a command has at least n positional arguments.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return &usageErr{cmd.CommandPath(), "missing argument: give " + what}
		}
		return nil
	}
}

// list is a repeatable flag; each value may also be comma-separated.
type list []string

func (l *list) String() string { return strings.Join(*l, ",") }

// Set adds the values of one occurrence of the flag.
func (l *list) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// Type names the flag's value in pflag's messages.
func (l *list) Type() string { return "list" }
