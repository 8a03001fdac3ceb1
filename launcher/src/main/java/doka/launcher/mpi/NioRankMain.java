package doka.launcher.mpi;

import java.util.Arrays;
import java.util.function.Function;

import mpi.MPI;

/**
 * One rank of a niodev world in its own JVM: {@code NioRankMain <rank> <device-argument>
 * <program-class> [args…]}. Runs the rank program between {@code MPI.Init} and {@code MPI.Finalize}
 * and prints its result on one line after {@link #RESULT_MARKER}.
 */
public final class NioRankMain {
    public static final String RESULT_MARKER = "DOKA-RANK-RESULT ";

    private NioRankMain() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: NioRankMain <rank> <device-argument> <program-class> [args...]");
            System.exit(2);
        }
        // A rank whose starter dies (killed, or its job ended) must not live on alone.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        // MPJ's device threads are not daemons: leave explicitly, whatever happens.
        try {
            MpjHome.require();
            MPI.Init(new String[] {args[0], args[1], "niodev"});
            var program = (Function<String[], Object>) Class.forName(args[2]).getConstructor().newInstance();
            Object result = program.apply(Arrays.copyOfRange(args, 3, args.length));
            MPI.Finalize();
            System.out.println(RESULT_MARKER + result);
            System.out.flush();
        } catch (Throwable e) {
            e.printStackTrace();
            System.err.flush();
            System.exit(1);
        }
        System.exit(0);
    }
}
