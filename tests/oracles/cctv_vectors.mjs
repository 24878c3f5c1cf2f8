// Print the C2SP CCTV age test vectors (npm "cctv-age") as one JSON object: name -> base64 of the raw file.
// The Python tests parse the headers themselves; this script only gets the bytes out of the ES module.
import * as vectors from "cctv-age";

const out = {};
for (const [name, bytes] of Object.entries(vectors)) {
  if (name === "default" || !(bytes instanceof Uint8Array)) continue;
  out[name] = Buffer.from(bytes).toString("base64");
}
process.stdout.write(JSON.stringify(out));
