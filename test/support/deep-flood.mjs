// A child process that floods /bot with deep JSON frames (256 KiB of '[') from N connections, reconnecting
// whenever the server closes one, until it is killed. Used by test/server/hardening-live.test.ts so that
// the flood's own CPU (masking, sending) is not spent in the server's process.
import { WebSocket } from 'ws';

const [url, n = '12'] = process.argv.slice(2);
const deep = '['.repeat(256 * 1024 - 8);
function flood() {
  const ws = new WebSocket(url);
  ws.on('error', () => {});
  ws.on('open', () => {
    const pump = () => {
      while (ws.readyState === WebSocket.OPEN && ws.bufferedAmount < 4 * 1024 * 1024) ws.send(deep);
      if (ws.readyState === WebSocket.OPEN) setTimeout(pump, 5);
    };
    pump();
  });
  ws.on('close', () => setTimeout(flood, 50));
}
for (let i = 0; i < Number(n); i++) flood();
process.stdout.write('flooding\n');
