package doka.launcher.mpi;

import java.util.Arrays;
import java.util.function.Function;

import mpi.MPI;

/**
 * One rank on a supercomputer, on MPJ Express's native device over the system MPI (started by the
 * batch system's {@code mpiexec}): {@code NativeRankMain <program-class> [args…]}. The native device
 * takes rank and size from the system MPI, so the first two device arguments are placeholders.
 * Needs {@code libnativempjdev} built against the system MPI on {@code java.library.path}
 * (see docs/launcher.md); it cannot be tested on a workstation.
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
            MPI.Init(new String[] {"0", "0", "native"});
            var program = (Function<String[], Object>) Class.forName(args[0]).getConstructor().newInstance();
            Object result = program.apply(Arrays.copyOfRange(args, 1, args.length));
            if (MPI.COMM_WORLD.Rank() == 0 && result != null) {
                System.out.println(result);
            }
            MPI.Finalize();
        } catch (Throwable e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }
}
