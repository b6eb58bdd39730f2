package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpWidth is the widest help l10n prints; a narrower terminal gets it
// narrower.
const helpWidth = 80

// exitCodes is the last paragraph of l10n's help.
const exitCodes = "Exit codes: 0 success; 1 findings (status --strict, check, build --policy fail, import of a unit that fails check or is in conflict); 2 a usage or input error, said in one line naming the file and line, with nothing written."

// help prints the help of a command, wrapped to the terminal's width (80
// columns at most): what it does, its usage, examples, flags, and for l10n
// itself the commands.
func help(w io.Writer, cmd *cobra.Command, width int) {
	width = min(width, helpWidth)
	var b strings.Builder
	para := func(s string) {
		b.WriteString(wrap(s, width, ""))
		b.WriteString("\n\n")
	}
	root := !cmd.HasParent()
	if root {
		para("l10n: " + cmd.Short + ".")
		fmt.Fprintf(&b, "Usage:\n  l10n [-C dir] <command> [flags]\n\n")
	} else {
		usage := cmd.CommandPath()
		if cmd.HasAvailableSubCommands() {
			usage += " <command>"
		} else if cmd.Flags().HasAvailableFlags() {
			usage += " [flags]"
		}
		if a := cmd.Annotations["args"]; a != "" {
			usage += " " + a
		}
		fmt.Fprintf(&b, "Usage: %s\n\n", usage)
		text := cmd.Long
		if text == "" {
			text = strings.ToUpper(cmd.Short[:1]) + cmd.Short[1:] + "."
		}
		for _, p := range strings.Split(text, "\n\n") {
			para(p)
		}
	}
	if cmd.HasAvailableSubCommands() {
		b.WriteString("Commands:\n")
		var rows [][2]string
		var walk func(c *cobra.Command, prefix string)
		walk = func(c *cobra.Command, prefix string) {
			for _, sub := range c.Commands() {
				if !sub.IsAvailableCommand() {
					continue
				}
				if sub.HasAvailableSubCommands() {
					walk(sub, prefix+sub.Name()+" ")
					continue
				}
				rows = append(rows, [2]string{prefix + sub.Name(), sub.Short})
			}
		}
		walk(cmd, "")
		b.WriteString(commandRows(rows, width))
		b.WriteString("\n")
	}
	if cmd.Example != "" {
		b.WriteString("Examples:\n")
		for _, ex := range strings.Split(cmd.Example, "\n") {
			b.WriteString(wrap(ex, width, "  ") + "\n")
		}
		b.WriteString("\n")
	}
	local := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	local.SortFlags = false
	inherited := cmd.InheritedFlags()
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name != "help" && !(root && f.Name == "version") && inherited.Lookup(f.Name) == nil && cmd.PersistentFlags().Lookup(f.Name) == nil {
			local.AddFlag(f)
		}
	})
	if local.HasAvailableFlags() {
		b.WriteString("Flags:\n")
		b.WriteString(local.FlagUsagesWrapped(width))
		b.WriteString("\n")
	}
	global := pflag.NewFlagSet("global", pflag.ContinueOnError)
	global.SortFlags = false
	global.AddFlagSet(cmd.Root().PersistentFlags())
	global.Bool("help", false, "print this help")
	global.Lookup("help").Shorthand = "h"
	if root {
		global.Bool("version", false, "print l10n's version")
	}
	if root {
		b.WriteString("Flags, for every command:\n")
	} else {
		b.WriteString("Global flags:\n")
	}
	b.WriteString(global.FlagUsagesWrapped(width))
	if root {
		b.WriteString("\n")
		para("Run 'l10n <command> --help' for a command's flags and examples.")
		para(exitCodes)
	}
	fmt.Fprint(w, strings.TrimRight(b.String(), "\n")+"\n")
}

// commandRows prints rows of a name and a text, the texts aligned and wrapped
// to width.
func commandRows(rows [][2]string, width int) string {
	n := 0
	for _, r := range rows {
		n = max(n, utf8.RuneCountInString(r[0]))
	}
	var b strings.Builder
	indent := strings.Repeat(" ", n+4)
	for _, r := range rows {
		first := "  " + r[0] + strings.Repeat(" ", n-utf8.RuneCountInString(r[0])+2)
		b.WriteString(first + strings.TrimPrefix(wrap(r[1], width, indent), indent) + "\n")
	}
	return b.String()
}

// wrap wraps text at spaces to lines of width columns at most, each line
// starting with indent.
func wrap(text string, width int, indent string) string {
	var lines []string
	line := indent
	for _, word := range strings.Fields(text) {
		if line != indent && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width {
			lines = append(lines, line)
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}
