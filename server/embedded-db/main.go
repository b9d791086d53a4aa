// Command embedded-db runs FerretDB v1 with its SQLite backend in-process and
// serves the MongoDB wire protocol on loopback, so the Node server and its
// tests need no separately installed MongoDB.
//
// Protocol with the parent process:
//   - the first stdout line is the MongoDB URI to connect to (the real port,
//     even with -port 0);
//   - it stops on SIGTERM/SIGINT or when its stdin reaches EOF, then exits 0;
//   - if it cannot start (bad data dir, port taken) it exits 1, reason on stderr.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	dataDir := flag.String("data", "", "directory for the SQLite files, one <db>.sqlite per database (required; created if missing)")
	port := flag.Int("port", 0, "TCP port to listen on; 0 picks a free one")
	listenAddr := flag.String("listen-addr", "127.0.0.1", "address to listen on; FerretDB enforces no auth, so keep it on loopback")
	stdinEOF := flag.Bool("exit-on-stdin-eof", true, "exit when stdin reaches EOF; set false when started with stdin at /dev/null (e.g. a background shell job)")
	// At warn FerretDB also dumps every failed command's response (each
	// client's endSessions, a `create` of an existing collection): use error
	// to silence those, debug to see every request.
	logLevel := slog.LevelWarn
	flag.TextVar(&logLevel, "log-level", logLevel, "stderr log level: debug, info, warn or error")
	flag.Parse()

	if *dataDir == "" || flag.NArg() > 0 || *port < 0 || *port > 65535 {
		flag.Usage()
		os.Exit(2)
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel}))

	if err := run(*dataDir, net.JoinHostPort(*listenAddr, strconv.Itoa(*port)), *stdinEOF, logger); err != nil {
		fmt.Fprintln(os.Stderr, "embedded-db:", err)
		os.Exit(1)
	}
}

func run(dataDir, addr string, stdinEOF bool, logger *slog.Logger) error {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}

	// FerretDB wants an existing directory; it creates the files inside.
	if err = os.MkdirAll(dir, 0o700); err != nil {
		return err
	}

	// FerretDB's SQLite URI is a directory ("file:/abs/dir/"); every query
	// parameter is kept on each database file's URI, and modernc.org/sqlite runs
	// each _pragma on every new connection. FerretDB adds busy_timeout,
	// journal_mode(wal) and auto_vacuum(none) itself.
	//   - synchronous(full): fsync the WAL on every commit, so an acknowledged
	//     write also survives power loss, not just a crash of this process
	//     (FULL is SQLite's compiled-in default already; we pin it explicitly).
	//   - secure_delete(on): overwrite deleted content instead of leaving it
	//     in free pages of the file.
	q := url.Values{"_pragma": {"synchronous(full)", "secure_delete(on)"}}
	sqliteURL := (&url.URL{Scheme: "file", Path: dir + "/", RawQuery: q.Encode()}).String()

	f, err := ferretdb.New(&ferretdb.Config{
		// New binds the listener at once, so MongoDBURI below has the real port.
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
		Logger:    logger,
	})
	if err != nil {
		return err
	}

	// os.Stdout is unbuffered in Go: the line is written (flushed) right here.
	if _, err = fmt.Println(f.MongoDBURI()); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	// The parent (Node) spawns us with a stdin pipe and never writes to it.
	// When the parent dies, even by SIGKILL, the kernel closes its end of the
	// pipe and our read returns EOF: this way no orphaned database server is
	// left holding the port and the SQLite files.
	if stdinEOF {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// Run blocks until ctx is cancelled, then closes the listener, the client
	// connections and the SQLite databases (checkpointing their WAL).
	return f.Run(ctx)
}
