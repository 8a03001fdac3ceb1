package doka.launcher.mpi;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rendezvous that MPJ Express's niodev needs before its ranks can talk (the part of MPJ's
 * {@code MPJRun} that collects ports): every rank connects, sends {@code "Sending Info"}, its write
 * port, its read port and its rank; once all have come, each receives the peer table
 * {@code #Peer Information;host@readPort@writePort@rank;…}.
 *
 * <p>Runs in its own thread; {@link #deviceArgument()} is the string each rank passes to
 * {@code MPI.Init} as its configuration.
 */
public final class PeerExchange implements AutoCloseable {
    private static final int PROTOCOL_SWITCH_LIMIT = 131072;

    private final int ranks;
    private final ServerSocket server;
    private final Thread thread;
    private volatile IOException failure;

    /** Opens the rendezvous port on all interfaces and starts waiting for {@code ranks} ranks. */
    public PeerExchange(int ranks, int acceptTimeoutMs) {
        this.ranks = ranks;
        try {
            server = new ServerSocket(0);
            server.setSoTimeout(acceptTimeoutMs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the MPJ rendezvous port", e);
        }
        thread = new Thread(this::serve, "mpj-peer-exchange");
        thread.setDaemon(true);
        thread.start();
    }

    /** The device configuration string for {@code MPI.Init(rank, <this>, "niodev")}, naming this host and port. */
    public String deviceArgument() {
        return deviceArgument(ranks, hostName(), server.getLocalPort());
    }

    static String deviceArgument(int ranks, String host, int port) {
        return "#Number of Processes;" + ranks + ";#Protocol Switch Limit;" + PROTOCOL_SWITCH_LIMIT
                + ";#Server Name;" + host + ";#Server Port;" + port;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private void serve() {
        List<Socket> peers = new ArrayList<>();
        String[] entries = new String[ranks];
        try {
            for (int i = 0; i < ranks; i++) {
                Socket s = server.accept();
                peers.add(s);
                DataInputStream in = new DataInputStream(s.getInputStream());
                String hello = in.readUTF();
                int writePort = in.readInt();
                int readPort = in.readInt();
                int rank = in.readInt();
                if (!"Sending Info".equals(hello) || rank < 0 || rank >= ranks || entries[rank] != null) {
                    throw new IOException("unexpected rank registration: '" + hello + "', rank " + rank + " of " + ranks);
                }
                entries[rank] = s.getInetAddress().getHostAddress() + "@" + readPort + "@" + writePort + "@" + rank;
            }
            StringBuilder table = new StringBuilder("#Peer Information;");
            for (String e : entries) {
                table.append(e).append(';');
            }
            for (Socket s : peers) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeUTF(table.toString());
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            failure = new IOException("only " + peers.size() + " of " + ranks + " ranks reached the rendezvous in time", e);
        } catch (IOException e) {
            failure = e;
        } finally {
            for (Socket s : peers) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the ranks have their table or have failed; nothing more to say to them
                }
            }
        }
    }

    /** The rendezvous error, if it failed. */
    public IOException failure() {
        return failure;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket: nothing to recover
        }
    }
}
