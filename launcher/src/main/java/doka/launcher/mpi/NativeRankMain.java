package doka.launcher.mpi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.function.Function;

import mpi.MPI;

/**
 * One rank on MPJ Express's native device over the system MPI, started by {@code mpiexec} (from
 * {@link NativeWorld} here, from the batch job's {@code mpiexec} on Fugaku): {@code NativeRankMain
 * <program-class> [args…]}. The native device takes rank and size from the system MPI, so the first
 * two device arguments are placeholders. Writes the result's first line to {@code rank-<rank>.txt} in the folder
 * the system property {@value #RESULT_DIR} names, else prints "{@value NioRankMain#RESULT_MARKER}<rank> <result>":
 * mpiexec forwards every rank's output through one stream, in pieces, and a long line of one rank can arrive cut
 * by another rank's. Needs {@code libnativempjdev} built against the system MPI on {@code java.library.path}.
 */
public final class NativeRankMain {
    /** The folder, shared by the ranks and the launcher, where each rank writes its result line. */
    public static final String RESULT_DIR = "doka.resultDir";

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
            String line = String.valueOf(result).lines().findFirst().orElse("");
            String dir = System.getProperty(RESULT_DIR);
            if (dir == null) {
                System.out.println(NioRankMain.RESULT_MARKER + rank + " " + line);
                System.out.flush();
            } else {
                // written whole, then renamed: the launcher never reads half a line
                Path partial = Files.writeString(Path.of(dir, resultFile(rank) + ".part"), line);
                Files.move(partial, Path.of(dir, resultFile(rank)), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.err.flush();
            code = 1;
        }
        System.exit(code);
    }

    static String resultFile(int rank) {
        return "rank-" + rank + ".txt";
    }
}
