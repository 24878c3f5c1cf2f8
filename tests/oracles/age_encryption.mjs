#!/usr/bin/env node
// A small command line around the npm package "age-encryption" (the TypeScript age implementation), used by
// the Python tests as an independent oracle. It is not part of exporter.
//
//   node age_encryption.mjs encrypt (-r RECIPIENT ... | -R FILE ... | --passphrase-file FILE)
//                                   [--work-factor N] [-a] [-o OUTPUT] [INPUT]
//   node age_encryption.mjs decrypt (-i IDENTITY_FILE ... | --passphrase-file FILE) [-o OUTPUT] [INPUT]
//   node age_encryption.mjs keygen                 prints {"identity": "AGE-SECRET-KEY-1...", "recipient": "age1..."}
//   node age_encryption.mjs to-recipient [-i IDENTITY_FILE]   prints the recipient of each identity, one a line
//
// INPUT defaults to standard input and OUTPUT to standard output. A passphrase file's content minus one
// trailing newline is the passphrase (the same rule as exporter's --passphrase-file); the passphrase never
// appears on the command line. Decryption detects the ASCII armor by its first line.
// Exit codes: 0 success, 1 the operation failed (message on stderr), 2 usage error.

import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Decrypter, Encrypter, armor, generateX25519Identity, identityToRecipient } from "age-encryption";

const ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";

class UsageError extends Error {}

function readInput(path) {
  // readFileSync(0) reads standard input to its end, whatever it is (pipe, file, /dev/null).
  return new Uint8Array(readFileSync(path === undefined || path === "-" ? 0 : path));
}

function writeOutput(path, bytes) {
  if (path === undefined || path === "-") {
    writeFileSync(1, bytes);
  } else {
    writeFileSync(path, bytes);
  }
}

function readPassphrase(path) {
  let text = readFileSync(path, "utf8");
  if (text.endsWith("\r\n")) text = text.slice(0, -2);
  else if (text.endsWith("\n")) text = text.slice(0, -1);
  if (text.length === 0) throw new UsageError("the passphrase file is empty");
  return text;
}

// Lines of an identity or recipients file: blank lines and "#" comments are skipped, as age does.
function keyLines(path) {
  return readFileSync(path, "utf8")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

function looksArmored(bytes) {
  const head = Buffer.from(bytes.subarray(0, 64 + ARMOR_BEGIN.length)).toString("latin1");
  return head.trimStart().startsWith(ARMOR_BEGIN);
}

async function encrypt(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      recipient: { type: "string", short: "r", multiple: true, default: [] },
      "recipients-file": { type: "string", short: "R", multiple: true, default: [] },
      "passphrase-file": { type: "string" },
      "work-factor": { type: "string" },
      armor: { type: "boolean", short: "a", default: false },
      output: { type: "string", short: "o" },
    },
  });
  if (positionals.length > 1) throw new UsageError("at most one INPUT");
  const recipients = [...values.recipient];
  for (const file of values["recipients-file"]) recipients.push(...keyLines(file));
  const passphraseFile = values["passphrase-file"];
  if ((recipients.length > 0) === (passphraseFile !== undefined)) {
    throw new UsageError("give either recipients (-r/-R) or --passphrase-file");
  }
  const e = new Encrypter();
  if (passphraseFile !== undefined) {
    e.setPassphrase(readPassphrase(passphraseFile));
    if (values["work-factor"] !== undefined) {
      const logN = Number(values["work-factor"]);
      if (!Number.isInteger(logN) || logN < 1 || logN > 30) throw new UsageError("bad --work-factor");
      e.setScryptWorkFactor(logN);
    }
  } else {
    if (values["work-factor"] !== undefined) throw new UsageError("--work-factor needs --passphrase-file");
    for (const r of recipients) e.addRecipient(r);
  }
  const ciphertext = await e.encrypt(readInput(positionals[0]));
  writeOutput(values.output, values.armor ? Buffer.from(armor.encode(ciphertext), "ascii") : ciphertext);
}

async function decrypt(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      identity: { type: "string", short: "i", multiple: true, default: [] },
      "passphrase-file": { type: "string" },
      output: { type: "string", short: "o" },
    },
  });
  if (positionals.length > 1) throw new UsageError("at most one INPUT");
  const d = new Decrypter();
  let count = 0;
  for (const file of values.identity) {
    for (const line of keyLines(file)) {
      d.addIdentity(line);
      count++;
    }
  }
  if (values["passphrase-file"] !== undefined) {
    d.addPassphrase(readPassphrase(values["passphrase-file"]));
    count++;
  }
  if (count === 0) throw new UsageError("give -i IDENTITY_FILE or --passphrase-file");
  let input = readInput(positionals[0]);
  if (looksArmored(input)) input = armor.decode(Buffer.from(input).toString("latin1"));
  writeOutput(values.output, await d.decrypt(input));
}

async function keygen(argv) {
  parseArgs({ args: argv, options: {} });
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  process.stdout.write(JSON.stringify({ identity, recipient }) + "\n");
}

async function toRecipient(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { identity: { type: "string", short: "i", multiple: true, default: [] } },
  });
  if (values.identity.length === 0) throw new UsageError("give -i IDENTITY_FILE");
  for (const file of values.identity) {
    for (const line of keyLines(file)) process.stdout.write((await identityToRecipient(line)) + "\n");
  }
}

const commands = { encrypt, decrypt, keygen, "to-recipient": toRecipient };

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const run = commands[command];
  if (run === undefined) {
    throw new UsageError(`unknown command ${JSON.stringify(command ?? "")}; use ${Object.keys(commands).join(", ")}`);
  }
  await run(rest);
}

main().catch((err) => {
  const usage = err instanceof UsageError || err?.code?.startsWith?.("ERR_PARSE_ARGS");
  process.stderr.write(`age_encryption.mjs: ${usage ? "usage" : "error"}: ${err?.message ?? err}\n`);
  process.exitCode = usage ? 2 : 1;
});
