// libedit's readline-compatible interface: line editing, history and completion for kai's REPL.
#include <stdio.h>
#include <editline/readline.h>

// Swift 6 may not write C globals; these do it on its behalf.
static inline void kai_set_completion_entry(rl_compentry_func_t *entry) { rl_completion_entry_function = entry; }
