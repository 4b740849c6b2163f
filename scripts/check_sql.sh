#!/usr/bin/env bash
# check_sql.sh — no SQL built from values (issue 6: "no SQL built by concatenation, a check in
# CI"). Scans C++ sources and fails (exit 1, one "file:line: rule: text" per hit) when SQL text is
# put together at run time from anything but fixed text:
#   format   fmt::format / std::format / absl::StrCat|StrFormat whose format string (a literal,
#            or a named constant defined in the same file) holds SQL (SELECT, INSERT, UPDATE,
#            DELETE, WHERE, VALUES, FROM, JOIN, SET, LIMIT, ORDER BY, GROUP BY) and whose arguments are not all string literals or
#            allow-listed constants;
#   concat   `+` on a statement holding SQL text, where an operand is not a string literal, a
#            kConstant or an allow-listed expression;
#   buffer   a std::string(_view) that accumulates SQL (initialised from SQL text, or named
#            *sql*), unless it is a const(expr) of literals — each one must be allow-listed, and
#            every `+=` / .append( onto it is checked operand by operand as above;
#   call     in files that talk to a database (they include sqlite3.h, libpq-fe.h or a store/
#            header): Prepare( / Exec( / sqlite3_prepare*( / sqlite3_exec( / PQexec*( /
#            PQprepare( called with SQL that is not a string literal, a kConstant
#            (std::string(kX), kX.data()), a choice between those, or a fmt::format (checked by
#            `format`) — unless the argument is allow-listed for the file.
# Comments are ignored. SQL keywords are matched in upper case, as this code base writes SQL, in
# literals that hold a space (so the HTTP method "DELETE" is not SQL). Buffers are snake_case
# variables (constants kX and functions are CamelCase in this code base).
#
# Usage: scripts/check_sql.sh [path ...]   (default: src/ of this checkout)
# Exit 0: clean; 1: hits (listed); 2: usage error.
#
# The allow-list: "file|exact expression|why it is safe". An entry allows that exact expression
# (whitespace-normalised) as a format argument, a concatenation operand or an SQL buffer's name
# in that one file, or a database call up to its SQL argument ("Prepare(sql)"); it never allows a file or a rule as a whole, so a
# value added next to an allowed constant is still caught. An expression ending in "(" allows
# calls of that helper. Every entry was reviewed; keep the reason honest when adding one.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

ALLOW_LIST=$(cat <<'EOF'
# Column lists formatted into SELECTs: fixed text defined at the top of the same file, no value.
src/store/sqlite_workflow_store.cpp|kUserColumns|constexpr column list of users
src/store/sqlite_workflow_store.cpp|kSubmissionColumns|constexpr column list of submissions
src/store/sqlite_linkage_store.cpp|kOrgColumns|constexpr column list of organisations
src/store/sqlite_linkage_store.cpp|kProductColumns|constexpr column list of products
src/store/sqlite_linkage_store.cpp|kListingColumns|constexpr column list of listings
# Find(): the WHERE clause grows with the query's filters, but only by fixed text and "?"
# placeholders; every value is bound afterwards (Bind(k++, ...)).
src/store/sqlite_store.cpp|sql|Find()'s buffer: kSelectObservations + fixed clauses + kOrderObservations
src/store/sqlite_store.cpp|placeholders(|returns "(?, ?, …)" from a count, no value
src/store/sqlite_store.cpp|Prepare(sql)|the buffer above
# The multi-row INSERT: kInsertObservation followed by fixed "(?, …)" groups.
src/store/sqlite_store.cpp|many|kInsertObservation + kRowsPerInsert-1 fixed "(?, …)" groups
src/store/sqlite_store.cpp|Prepare(many)|the buffer above
# CodeTable's lambda: its two parameters are only ever given kSelect…/kInsert… constants (the
# three calls right below it).
src/store/sqlite_store.cpp|Prepare(select_sql)|lambda argument, called with constants only
src/store/sqlite_store.cpp|Prepare(insert_sql)|lambda argument, called with constants only
# Migrations: the numbered sql/ files compiled into the binary (embedded_files.hpp), not input.
src/store/sqlite_store.cpp|Exec(f.bytes)|embedded migration file
# DeleteDataset(): the loop variable ranges over {kDeleteListingsOfDataset, kDeleteProductsOfDataset}.
src/store/sqlite_linkage_store.cpp|Prepare(sql)|range-for over two constants
# A test creates the first schema from the embedded migration file, as the store does.
src/store/sqlite_store_test.cpp|Exec(*FindEmbedded("sql/sqlite/0001_init.sql"))|embedded migration file
# The event store: its column list, and Figures()' count lambda, given string literals only.
src/store/sqlite_event_store.cpp|kEventColumns|constexpr column list of events
src/store/sqlite_event_store.cpp|Prepare(sql)|Figures()' lambda, called with literals only
# A test helper given string literals only.
src/store/sqlite_cooperation_store_test.cpp|Prepare(sql)|Count(), called with literals only
# The PostgreSQL engine of the database layer: it runs what its callers prepared (their SQL is
# checked at their call sites); `sql` is the statement's own text after placeholder rewriting.
src/store/pg_db.cpp|PQexec(conn_, sql)|Simple(): the layer's Exec, SQL from its callers
src/store/pg_db.cpp|PQexecParams(conn_, sql.c_str())|PgStatement's prepared text; values go as parameters
src/store/pg_db.cpp|sqlstate|not SQL: the five-character SQLSTATE of an error
# The directory's JSON-list filters rewritten for PostgreSQL: fixed fragments, k counts 1..4.
src/store/sqlite_linkage_store.cpp|k|loop counter 1..4 naming a placeholder ?k
src/store/sqlite_linkage_store.cpp|Dialect(|rewrites fixed SQL text for PostgreSQL, adds no value
# The indicator order: one of two constants by engine.
src/store/sqlite_store.cpp|db_->is_postgres() ? kIndicatorOrderPostgres : kIndicatorOrderSqlite|choice of two constants
# InspectPostgres(): its lambda is given the constants kPgHasTable, kSchemaVersion, kCount….
src/store/sqlite_backup.cpp|Prepare(sql)|lambda argument, called with constants only
src/store/sqlite_store_test.cpp|Exec(*FindEmbedded(std::string(SqliteStore::MigrationFolder(db->engine())) + "0001_init.sql"))|embedded migration file of the test's engine
# The one wrapper over the C API: it passes on whatever its callers give, and every caller is
# checked by the rules above.
src/store/sqlite_db.cpp|sqlite3_prepare_v2(db_, sql.data())|SqliteDb::Prepare itself
src/store/sqlite_db.cpp|sqlite3_exec(db_, text.c_str())|SqliteDb::Exec itself
# lienket backup/doctor open files through the C API directly (sqlite_backup.cpp): its own
# Prepare(db, sql) wrapper, and QueryInt(db, sql) passing its parameter on. Reviewed: every
# caller of QueryInt and CountIfPresent passes a kCount…/kSchemaVersion/kPage… constant.
src/store/sqlite_backup.cpp|sqlite3_prepare_v2(db, sql.data())|the file's Prepare wrapper itself
src/store/sqlite_backup.cpp|Prepare(db, sql)|QueryInt forwarding; its callers pass constants only
# The backup test dumps every table of two databases to compare them: table and column names
# (identifiers, which cannot be bound) read from the test databases' own sqlite_master and
# pragma_table_info, i.e. from our migrations; no user input.
src/store/sqlite_backup_test.cpp|sqlite3_prepare_v2(db, sql.c_str())|the test's Query helper itself
src/store/sqlite_backup_test.cpp|name|a table name from sqlite_master of a test database
src/store/sqlite_backup_test.cpp|order|primary-key column names from pragma_table_info, quoted
EOF
)

if [[ $# -eq 0 ]]; then
  set -- "$root/src"
fi
for p in "$@"; do
  [[ -e "$p" ]] || { echo "check_sql.sh: no such path: $p" >&2; exit 2; }
done

mapfile -d '' files < <(find "$@" -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.cc' \
  -o -name '*.h' \) -print0 | sort -z)

ALLOW_LIST="$ALLOW_LIST" ROOT="$root" exec perl -e '
use strict;
use warnings;

my $root = $ENV{ROOT};
my %allow;  # file -> { normalised expression -> 1 }
for my $line (split /\n/, $ENV{ALLOW_LIST}) {
  next if $line =~ /^\s*(#|$)/;
  my ($file, $expr) = split /\|/, $line;
  $allow{$file}{norm($expr)} = 1;
}

sub norm { my $s = shift; $s =~ s/\s+//g; return $s; }

my $KW = qr/\b(?:SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|FROM|JOIN|SET|LIMIT|ORDER BY|GROUP BY)\b/;
my $hits = 0;

for my $path (@ARGV) {
  open my $fh, "<", $path or die "$path: $!";
  local $/;
  my $src = <$fh>;
  close $fh;
  my $rel = $path;
  $rel =~ s{^\Q$root\E/}{};
  my ($text, $lits) = mask($src);
  my %sql_const = sql_constants($text, $lits);
  my $db_file = $src =~ /#\s*include\s*[<"](?:sqlite3\.h|libpq-fe\.h|store\/[^">]+)[">]/;
  my %buffers;
  my %seen;
  my $report = sub {
    my ($pos, $rule, $what) = @_;
    my $line = 1 + (substr($text, 0, $pos) =~ tr/\n//);
    return if $seen{"$line|$rule|$what"}++;
    $what =~ s/\s+/ /g;
    print "$rel:$line: $rule: $what\n";
    $hits++;
  };
  my $allowed = sub { my $e = norm(unmask(shift, $lits)); return $allow{$rel}{$e}
    || grep { /\($/ && index($e, $_) == 0 } keys %{ $allow{$rel} || {} }; };
  my $is_sql_text = sub {
    my $e = shift;
    for my $i ($e =~ /\@L(\d+)\@/g) { return 1 if is_sql($lits->[$i]); }
    for my $k ($e =~ /\b(k[A-Z]\w*)/g) { return 1 if $sql_const{$k}; }
    return 0;
  };
  # A value-free operand: literals, kConstants, allow-listed expressions.
  my $fixed = sub {
    my $e = trim(shift);
    1 while $e =~ s/^\((.*)\)$/$1/s;
    $e = trim($e);
    return 1 if $e =~ /^(?:\@L\d+\@\s*)+$/;
    return 1 if $e =~ /^(?:\w+::)*k[A-Z]\w*(?:\.data\(\))?$/;
    return 1 if $e =~ /^std::string(?:_view)?\(\s*(?:\w+::)*k[A-Z]\w*\s*\)(?:\.c_str\(\))?$/;
    return 1 if $e =~ /^-?\d+$/;
    return $allowed->($e);
  };
  my $check_operands = sub {
    my ($pos, $rule, $expr) = @_;
    for my $branch (ternary_branches($expr)) {
      for my $op (split_top($branch, "+")) {
        $report->($pos, $rule, unmask($op, $lits)) unless $fixed->($op);
      }
    }
  };

  # Rule "format".
  while ($text =~ /\b(?:fmt::format|std::format|fmt::sprintf|absl::StrCat|absl::StrFormat)\s*\(/g) {
    my $pos = $-[0];
    my $args = balanced($text, $+[0] - 1);
    next unless defined $args;
    my @a = split_top($args, ",");
    next unless @a && $is_sql_text->($a[0]);
    for my $arg (@a[1 .. $#a]) {
      my $t = trim($arg);
      next if $t =~ /^(?:\@L\d+\@\s*)+$/;
      $report->($pos, "format", "SQL formatted with " . unmask($t, $lits)) unless $allowed->($t);
    }
  }

  # Statements: "concat" and "buffer".
  my $offset = 0;
  # Statements end at ";", at the "{" of a block (after ")", else, do, try) and at a "}" ending a line;
  # braces of initialiser lists stay inside their statement.
  for my $stmt (split /(?<=;)|(?<=\)|\belse|\bdo|\btry)(?=\s*\{)|(?<=\})(?=[ \t]*\n)/, $text) {
    my $pos = $offset + (length($stmt) - length($stmt =~ s/^[\s{}]+//r));
    $offset += length $stmt;
    my $s = trim($stmt =~ s/^[\s{}]+//r);
    # A buffer: std::string x = / x( / x{ holding SQL text or named like SQL.
    if ($s =~ /\bstd::string(?:_view)?\s+([a-z_]\w*)\s*(?:=|\(|\{)(.*)/s) {
      my ($name, $init) = ($1, $2);
      # A named constant of fixed text is what we want, not a buffer.
      my $constant = $s =~ /\bconst(?:expr)?\b/ && $init =~ /^\s*(?:\@L\d+\@\s*)+[;)}\s]*$/;
      if (!$constant && ($is_sql_text->($init) || $name =~ /sql/i)) {
        $buffers{$name} = 1;
        $report->($pos, "buffer", "SQL accumulated in $name") unless $allowed->($name);
        # Its initial value is checked like any concatenation.
        $init =~ s/[;)}\s]*$//;
        $check_operands->($pos, "concat", $init) if $init =~ /(?<![+])\+(?![+=])/;
        next;
      }
    }
    if ($s =~ /(?<![\w.>:])([a-z_]\w*)\s*(?:\+=|\.append\()(.*);$/s) {
      my ($name, $rhs) = ($1, $2);
      $rhs =~ s/\)\s*$// if $s =~ /\.append\(/;
      if ($buffers{$name} || $name =~ /sql/i) {
        $check_operands->($pos, "concat", $rhs);
        next;
      }
    }
    next unless $is_sql_text->($s) && $s =~ /(?<![+])\+(?![+=])/;
    # Each `+` chain: the operands around every `+`.
    while ($s =~ /(?<![+])\+(?![+=])/g) {
      my $at = $-[0];
      my $left = operand_left($s, $at);
      my $right = operand_right($s, $at + 1);
      for my $op ($left, $right) {
        $report->($pos, "concat", unmask($op, $lits)) unless $fixed->($op);
      }
    }
  }

  # Rule "call".
  if ($db_file) {
    while ($text =~ /(?<![\w:])(?:(?:\w+)(?:->|\.))?(Prepare|Exec|sqlite3_prepare(?:_v2|_v3)?|sqlite3_exec|PQexec|PQexecParams|PQprepare|PQsendQuery)\s*\(/g) {
      my ($pos, $fn) = ($-[0], $1);
      my $open = $+[0] - 1;
      # A definition or declaration, not a call: a type right before the name.
      my $before = substr($text, 0, $-[1]);
      next if $before =~ /(?:[\w>&*]\s+|::)$/ && $before !~ /\breturn\s+$/;
      my $args = balanced($text, $open);
      next unless defined $args;
      my @a = map { trim($_) } split_top($args, ",");
      my $sql = $fn =~ /^(?:Prepare|Exec)$/ ? (@a == 1 ? $a[0] : $a[1])
              : $fn eq "PQprepare" ? $a[2] : $a[1];
      next unless defined $sql && length $sql;
      next if $sql =~ /^(?:fmt::format|std::format)\s*\(/;
      next if all_fixed($sql, $fixed);
      # The allow-list names the call up to its SQL argument: "Prepare(sql)",
      # "sqlite3_exec(db_, text.c_str())".
      my $last = $fn =~ /^(?:Prepare|Exec)$/ ? (@a == 1 ? 0 : 1) : $fn eq "PQprepare" ? 2 : 1;
      next if $allowed->("$fn(" . join(",", @a[0 .. $last]) . ")");
      $report->($pos, "call", unmask("$fn($args)", $lits));
    }
  }
}

exit($hits ? 1 : 0);

sub all_fixed {
  my ($e, $fixed) = @_;
  return 1 if $fixed->($e);
  my @b = ternary_branches($e);
  return 0 if @b < 2;
  for (@b) { return 0 unless $fixed->($_); }
  return 1;
}

# SQL text: a keyword in a literal that also holds a space ("DELETE" alone is an HTTP method).
sub is_sql { my $t = shift; return $t =~ $KW && $t =~ /\s/; }

sub trim { my $s = shift; $s =~ s/^\s+|\s+$//g; return $s; }

# Replaces comments by spaces and string/char literals by @L<n>@ (newlines kept, for line numbers).
sub mask {
  my $s = shift;
  my (@lits, $out);
  my $i = 0;
  my $n = length $s;
  while ($i < $n) {
    my $c = substr($s, $i, 1);
    my $two = substr($s, $i, 2);
    if ($two eq "//") {
      my $e = index($s, "\n", $i); $e = $n if $e < 0;
      $out .= " "; $i = $e;
    } elsif ($two eq "/*") {
      my $e = index($s, "*/", $i + 2); $e = $n - 2 if $e < 0;
      my $body = substr($s, $i, $e + 2 - $i);
      $out .= " " . ("\n" x ($body =~ tr/\n//)); $i = $e + 2;
    } elsif (substr($s, $i) =~ /^(?:u8|u|U|L)?R"([^(\s]*)\(/ && ($i == 0 || substr($s, $i - 1, 1) !~ /\w/)) {
      my $delim = $1;
      my $start = $i + $+[0];
      my $e = index($s, ")$delim\"", $start); $e = $n if $e < 0;
      my $body = substr($s, $start, $e - $start);
      push @lits, $body;
      $out .= "\@L$#lits\@" . ("\n" x ($body =~ tr/\n//));
      $i = $e + length($delim) + 2;
    } elsif ($c eq "\"" || ($c eq "\x27" && !($i > 0 && substr($s, $i - 1, 1) =~ /[0-9a-fA-F]/ && substr($s, $i + 1, 1) =~ /[0-9a-fA-F]/))) {
      my $j = $i + 1;
      while ($j < $n && substr($s, $j, 1) ne $c) { $j += substr($s, $j, 1) eq "\\" ? 2 : 1; }
      my $body = substr($s, $i + 1, $j - $i - 1);
      if ($c eq "\"") { push @lits, $body; $out .= "\@L$#lits\@"; } else { $out .= "0"; }
      $i = $j + 1;
    } else {
      $out .= $c; $i++;
    }
  }
  return ($out, \@lits);
}

sub unmask {
  my ($e, $lits) = @_;
  $e =~ s/\@L(\d+)\@/"\"" . $lits->[$1] . "\""/ge;
  return trim($e);
}

# Constants of this file whose text holds SQL: constexpr/const ... kName = "..." "...";
sub sql_constants {
  my ($text, $lits) = @_;
  my %c;
  while ($text =~ /\b(k[A-Z]\w*)\s*(?:=|\(|\{)\s*((?:\@L\d+\@\s*)+)/g) {
    my ($name, $body) = ($1, $2);
    my $joined = join "", map { $lits->[$_] } $body =~ /\@L(\d+)\@/g;
    $c{$name} = 1 if is_sql($joined);
  }
  return %c;
}

# The text inside the parentheses opening at $open, or undef.
sub balanced {
  my ($s, $open) = @_;
  my $depth = 0;
  for (my $i = $open; $i < length $s; $i++) {
    my $c = substr($s, $i, 1);
    if ($c =~ /[(\[{]/) { $depth++; }
    elsif ($c =~ /[)\]}]/) { $depth--; return substr($s, $open + 1, $i - $open - 1) if $depth == 0; }
  }
  return undef;
}

# Splits at top-level occurrences of $sep ("," or "+"; "+" not in "++" or "+=").
sub split_top {
  my ($s, $sep) = @_;
  my (@parts, $depth, $cur);
  ($depth, $cur) = (0, "");
  my @ch = split //, $s;
  for (my $i = 0; $i < @ch; $i++) {
    my $c = $ch[$i];
    if ($c =~ /[(\[{]/) { $depth++; }
    elsif ($c =~ /[)\]}]/) { $depth--; }
    elsif ($c eq "<" && $i + 1 < @ch && $ch[$i + 1] ne "<" && ($i == 0 || $ch[$i - 1] =~ /\w/)) {
      # a template argument list: skip to its ">"
      my $d = 0; my $j = $i;
      for (; $j < @ch; $j++) { $d++ if $ch[$j] eq "<"; $d-- if $ch[$j] eq ">"; last if $d == 0; last if $ch[$j] =~ /[;{}]/; }
      if ($j < @ch && $ch[$j] eq ">") { $cur .= join "", @ch[$i .. $j]; $i = $j; next; }
    }
    if ($depth == 0 && $c eq $sep
        && !($sep eq "+" && (($i + 1 < @ch && $ch[$i + 1] =~ /[+=]/) || ($i > 0 && $ch[$i - 1] eq "+")))) {
      push @parts, $cur; $cur = ""; next;
    }
    $cur .= $c;
  }
  push @parts, $cur;
  return grep { /\S/ } @parts;
}

# "c ? a : b" -> (a, b); anything else -> (itself).
sub ternary_branches {
  my $e = shift;
  my ($depth, $q) = (0, -1);
  my @ch = split //, $e;
  for (my $i = 0; $i < @ch; $i++) {
    my $c = $ch[$i];
    if ($c =~ /[(\[{]/) { $depth++; } elsif ($c =~ /[)\]}]/) { $depth--; }
    elsif ($depth == 0 && $c eq "?" && $q < 0) { $q = $i; }
    elsif ($depth == 0 && $c eq ":" && $q >= 0 && !($i + 1 < @ch && $ch[$i + 1] eq ":") && !($i > 0 && $ch[$i - 1] eq ":")) {
      return (join("", @ch[$q + 1 .. $i - 1]), join("", @ch[$i + 1 .. $#ch]));
    }
  }
  return ($e);
}

# The operand ending right before position $at (over names, ., ->, ::, calls, literals).
sub operand_left {
  my ($s, $at) = @_;
  my $i = $at - 1;
  $i-- while $i >= 0 && substr($s, $i, 1) =~ /\s/;
  my $end = $i;
  while ($i >= 0) {
    my $c = substr($s, $i, 1);
    if ($c =~ /[)\]]/) {
      my $depth = 0;
      for (; $i >= 0; $i--) {
        my $d = substr($s, $i, 1);
        $depth++ if $d =~ /[)\]]/; $depth-- if $d =~ /[(\[]/;
        last if $depth == 0;
      }
      $i--;
    } elsif ($c =~ /[\w\@.:]/ || ($c eq ">" && $i > 0 && substr($s, $i - 1, 1) eq "-")) {
      $i -= $c eq ">" ? 2 : 1;
    } elsif ($c =~ /\s/ && substr($s, 0, $i + 1) =~ /\@\s*$/ && substr($s, $i + 1) =~ /^\s*\@L/) {
      $i--;  # adjacent literals
    } else { last; }
  }
  return substr($s, $i + 1, $end - $i);
}

# The operand starting at position $at.
sub operand_right {
  my ($s, $at) = @_;
  my $i = $at;
  $i++ while $i < length($s) && substr($s, $i, 1) =~ /\s/;
  my $start = $i;
  while ($i < length $s) {
    my $c = substr($s, $i, 1);
    if ($c =~ /[(\[]/) {
      my $inner = balanced($s, $i);
      last unless defined $inner;
      $i += length($inner) + 2;
    } elsif ($c =~ /[\w\@.:]/ || (substr($s, $i, 2) eq "->")) {
      $i += substr($s, $i, 2) eq "->" ? 2 : 1;
    } elsif ($c =~ /\s/ && substr($s, 0, $i) =~ /\@$/ && substr($s, $i) =~ /^\s*\@L/) {
      $i++;
    } else { last; }
  }
  return substr($s, $start, $i - $start);
}
' "${files[@]}"
