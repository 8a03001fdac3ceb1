package doka.launcher.mpi;

import java.util.Arrays;
import java.util.function.Function;

import mpi.MPI;

/**
 * One rank on MPJ Express's native device over the system MPI, started by {@code mpiexec} (from
 * {@link NativeWorld} here, from the batch job's {@code mpiexec} on Fugaku): {@code NativeRankMain
 * <program-class> [args…]}. The native device takes rank and size from the system MPI, so the first
 * two device arguments are placeholders. Prints "{@value NioRankMain#RESULT_MARKER}<rank> <result>" (the
 * result's first line). Needs {@code libnativempjdev} built against the system MPI on
 * {@code java.library.path}.
 */
public final class NativeRankMain {
    private NativeRankMain() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: NativeRankMain <program-class> [args...]");
            System.exit(2);
        }
        int code = 0;
        try {
            MpjHome.require();
            MPI.Init(new String[] {"0", "0", "native"});
            var program = (Function<String[], Object>) Class.forName(args[0]).getConstructor().newInstance();
            Object result = program.apply(Arrays.copyOfRange(args, 1, args.length));
            int rank = MPI.COMM_WORLD.Rank();
            MPI.Finalize();
            System.out.println(NioRankMain.RESULT_MARKER + rank + " " + String.valueOf(result).lines().findFirst().orElse(""));
            System.out.flush();
        } catch (Throwable e) {
            e.printStackTrace();
            System.err.flush();
            code = 1;
        }
        System.exit(code);
    }
}
