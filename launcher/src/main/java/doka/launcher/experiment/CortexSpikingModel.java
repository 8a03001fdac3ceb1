package doka.launcher.experiment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import doka.engine.atlas.Area;
import doka.engine.cortex.CortexMember;
import doka.engine.kernel.RankComm;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.record.SpikeRecorder;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.observation.ObservedQuantity;

/**
 * The bilateral cortex (a model file of {@code ensembles/models/}) as an ensemble member: its areas,
 * both hemispheres, are the observed quantities. Ensemble parameters name a cortex parameter
 * (spec §7: {@code background_rate_scale}, {@code weight_scale_J}, {@code g_E}, …) and optionally a
 * scope after {@code @}: a hemisphere ({@code @L}) or an area ({@code @MOp-L}); without a scope the
 * value is global.
 */
final class CortexSpikingModel implements SpikingModel {
    private final CortexModel model;
    private final CortexNetwork.Inputs inputs;
    private final List<ObservedQuantity> quantities = new ArrayList<>();
    /** Centroid of each area (µm), by area index. */
    private final double[][] centroidUm;

    CortexSpikingModel(EnsembleConfig.Model.Cortex config) {
        this(read(config), null);
    }

    private static CortexModel read(EnsembleConfig.Model.Cortex config) {
        try {
            CortexModel m = CortexModel.read(Path.of(config.file()), config.dataPaths());
            return config.densityScale() == null ? m : m.withDensityScale(config.densityScale());
        } catch (IOException e) {
            throw new ConfigException("model.file: " + e.getMessage(), e);
        }
    }

    private CortexSpikingModel(CortexModel model, CortexNetwork.Inputs shared) {
        this.model = model;
        try {
            this.inputs = shared != null ? shared : CortexNetwork.loadInputs(model);
        } catch (IOException e) {
            throw new ConfigException("model.file: " + e.getMessage(), e);
        }
        for (Area a : inputs.atlas().areas()) {
            quantities.add(ObservedQuantity.ofArea(a.name()));
        }
        centroidUm = centroids(inputs.atlas());
    }

    private static double[][] centroids(doka.engine.atlas.Atlas atlas) {
        double[][] c = new double[atlas.areas().size()][3];
        int[] count = new int[c.length];
        for (int v = 0; v < atlas.voxelCount(); v++) {
            int a = atlas.voxelArea(v);
            count[a]++;
            for (int axis = 0; axis < 3; axis++) {
                c[a][axis] += atlas.voxelPosUm(v, axis);
            }
        }
        for (int a = 0; a < c.length; a++) {
            for (int axis = 0; axis < 3; axis++) {
                c[a][axis] /= Math.max(1, count[a]);
            }
        }
        return c;
    }

    /**
     * Between area centroids for an area-scoped parameter; 0 for a global one and for a
     * hemisphere-scoped one within its hemisphere (infinite across).
     */
    @Override
    public double distanceMm(String parameter, int quantity) {
        int at = parameter.indexOf('@');
        if (at < 0) {
            return 0;
        }
        String scope = parameter.substring(at + 1);
        Area observed = inputs.atlas().areas().get(quantity);
        if (scope.equals("L") || scope.equals("R")) {
            return observed.hemisphere().tag().equals(scope) ? 0 : Double.POSITIVE_INFINITY;
        }
        double[] a = centroidUm[inputs.atlas().area(scope).index()];
        double[] b = centroidUm[observed.index()];
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2)) / 1000;
    }

    @Override
    public List<ObservedQuantity> quantities() {
        return quantities;
    }

    @Override
    public double expectedNeurons() {
        doka.engine.atlas.Atlas atlas = inputs.atlas();
        double n = 0;
        for (int v = 0; v < atlas.voxelCount(); v++) {
            String acronym = atlas.areas().get(atlas.voxelArea(v)).acronym();
            int layer = atlas.voxelLayer(v).modelledIndex();
            if (layer < 0) {
                continue;
            }
            for (doka.engine.cortex.CellClass c : doka.engine.cortex.CellClass.values()) {
                n += inputs.composition().expectedPerVoxel(acronym, layer, c, atlas.voxelVolumeMm3(),
                        model.cells().densityScale());
            }
        }
        return n;
    }

    @Override
    public SpikingModel scaled(double factor) {
        return new CortexSpikingModel(model.withDensityScale(model.cells().densityScale() * factor), inputs);
    }

    @Override
    public void checkParameter(String name) {
        String base = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        if (!CortexModel.PARAMETER_DEFAULTS.containsKey(base)) {
            throw new ConfigException("the cortex has no parameter '" + base + "'; expected one of "
                    + CortexModel.PARAMETER_DEFAULTS.keySet() + ", optionally with @L, @R or @<area> (e.g. @MOp-L)");
        }
        if (name.contains("@")) {
            String scope = name.substring(name.indexOf('@') + 1);
            if (!scope.equals("L") && !scope.equals("R") && !inputs.atlas().hasArea(scope)) {
                throw new ConfigException("parameter '" + name + "': scope '" + scope + "' is neither L, R nor an area of "
                        + inputs.atlas().name() + " (" + inputs.atlas().areas().stream().map(Area::name).toList() + ")");
            }
        }
    }

    @Override
    public SpikingModel.Network build(long seed, int threads) {
        return build(seed, threads, null);
    }

    /** A member whose cells are split into tiles over the ranks of {@code comm}. */
    @Override
    public SpikingModel.Network build(long seed, int threads, RankComm comm) {
        CortexModel.RunSpec r = model.run();
        CortexModel seeded = model.withRun(new CortexModel.RunSpec(r.dtMs(), r.tSimMs(), r.warmupMs(), r.binMs(), seed, threads));
        RankComm split = comm == null || comm.size() == 1 ? null : comm;
        return new Member(CortexMember.build(seeded, inputs, split), split);
    }

    /** One cortex member, read out per area by the member's own rate recorder. */
    private final class Member implements SpikingModel.Network {
        private final CortexMember member;
        private final RankComm comm;
        private final SpikeRecorder spikes = new SpikeRecorder();
        private CortexNetwork observed;
        private double lastWindowStartMs;

        Member(CortexMember member, RankComm comm) {
            this.member = member;
            this.comm = comm;
            watch();
        }

        /** Records the spikes of the member's current network (a structural parameter rebuilds it). */
        private void watch() {
            if (observed != member.network()) {
                observed = member.network();
                observed.network().addSpikeObserver(spikes);
            }
        }

        @Override
        public void apply(Map<String, Double> values) {
            for (Map.Entry<String, Double> e : values.entrySet()) {
                String name = e.getKey();
                int at = name.indexOf('@');
                member.setParameter(at < 0 ? name : name.substring(0, at), at < 0 ? "global" : name.substring(at + 1),
                        e.getValue());
            }
        }

        @Override
        public void simulateMs(double durationMs) {
            member.advance(durationMs);
        }

        @Override
        public double[] advance(double windowMs, double binMs) {
            spikes.clear();
            lastWindowStartMs = member.timeMs();
            CortexMember.Window w = member.advance(windowMs);
            // after a rebuild at the start of this window its spikes were not seen: the raster starts with the next
            watch();
            double ratio = binMs / w.binMs();
            int per = (int) Math.round(ratio);
            if (Math.abs(ratio - per) > 1e-9) {
                throw new ConfigException("observations.binMs " + binMs + " must be a multiple of the model's run.binMs "
                        + w.binMs());
            }
            int bins = (int) Math.round(windowMs / binMs);
            int nq = quantities.size();
            double[] out = new double[bins * nq];
            for (int q = 0; q < nq; q++) {
                double[] fine = w.rateHz()[q];
                for (int b = 0; b < bins; b++) {
                    double sum = 0;
                    for (int k = 0; k < per; k++) {
                        sum += fine[b * per + k];
                    }
                    out[b * nq + q] = sum / per;
                }
            }
            return out;
        }

        @Override
        public void writeRaster(Path file, int maxNeurons) throws IOException {
            // spike steps count from the current network's start (a rebuild restarts them)
            double localStartMs = lastWindowStartMs - (member.timeMs() - observed.network().timeMs());
            SpikeRecorder all = comm == null ? spikes : RankParts.gatherSpikes(comm, spikes);
            if (all != null) {
                RecordedNetwork.writeRaster(file, all, observed.network().neuronCount(), maxNeurons,
                        observed.network().dtMs(), localStartMs);
            }
        }

        /** A split member: rank 0 writes every rank's part, in rank order (the others write nothing). */
        @Override
        public void saveState(DataOutputStream out) throws IOException {
            if (comm == null) {
                member.network().network().saveState(out);
                return;
            }
            java.io.ByteArrayOutputStream mine = new java.io.ByteArrayOutputStream();
            member.network().network().saveState(mine);
            RankParts.write(comm, mine.toByteArray(), out);
        }

        @Override
        public void restoreState(DataInputStream in) throws IOException {
            if (comm == null) {
                member.network().network().restoreState(in);
                return;
            }
            member.network().network().restoreState(new java.io.ByteArrayInputStream(RankParts.read(comm, in)));
        }

        @Override
        public int neurons() {
            return member.network().network().neuronCount();
        }

        @Override
        public long synapses() {
            return member.network().synapseCount();
        }

        @Override
        public String describe() {
            CortexNetwork n = member.network();
            return String.format(Locale.ROOT, "cortex %s (%s atlas, %d areas): %,d neurons, %,d synapses, built in %.1f s",
                    model.name(), n.atlas().synthetic() ? "synthetic" : n.atlas().name(), n.atlas().areas().size(),
                    n.network().neuronCount(), n.synapseCount(), n.buildSeconds());
        }

        @Override
        public void close() {
            member.close();
        }
    }
}
