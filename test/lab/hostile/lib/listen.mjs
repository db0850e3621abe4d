// Start a TCP server of a hostile device on ip:port (0: any free port, for the loopback unit
// tests) and return its port and a close() that also ends every open connection.
export async function listenTcp(server, ip, port, log) {
  server.on('error', (error) => log('server error', error.message))
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, ip, () => {
      server.removeListener('error', reject)
      resolve()
    })
  })
  const sockets = new Set()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return {
    port: server.address().port,
    close: () => {
      server.close()
      for (const socket of sockets) socket.destroy()
    },
  }
}
