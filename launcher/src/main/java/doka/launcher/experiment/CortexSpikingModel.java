package doka.launcher.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import doka.engine.atlas.Area;
import doka.engine.body.BodiedMember;
import doka.engine.body.BodySpec;
import doka.engine.body.Physics;
import doka.engine.cortex.CortexMember;
import doka.engine.kernel.RankComm;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
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
    /** The body, or null. */
    private final BodySpec body;
    private final List<ObservedQuantity> quantities = new ArrayList<>();
    /** Centroid of each area (µm), by area index. */
    private final double[][] centroidUm;

    CortexSpikingModel(EnsembleConfig.Model.Cortex config) {
        this(read(config), body(config));
    }

    /** The model file's body section, or null (docs/body.md). */
    private static BodySpec body(EnsembleConfig.Model.Cortex config) {
        try {
            return BodySpec.read(Path.of(config.file()));
        } catch (IOException e) {
            throw new ConfigException("model.file: " + e.getMessage(), e);
        }
    }

    private static CortexModel read(EnsembleConfig.Model.Cortex config) {
        try {
            CortexModel m = CortexModel.read(Path.of(config.file()), config.dataPaths());
            return config.densityScale() == null ? m : m.withDensityScale(config.densityScale());
        } catch (IOException e) {
            throw new ConfigException("model.file: " + e.getMessage(), e);
        }
    }

    private CortexSpikingModel(CortexModel model, BodySpec body) {
        this.model = model;
        this.body = body;
        try {
            this.inputs = CortexNetwork.loadInputs(model);
        } catch (IOException e) {
            throw new ConfigException("model.file: " + e.getMessage(), e);
        }
        for (Area a : inputs.atlas().areas()) {
            quantities.add(ObservedQuantity.ofArea(a.name()));
        }
        // A member's predictions continue with its region populations ("SIM-L/Purkinje"; no centroid: distance 0).
        inputs.regionPopulations().forEach(p -> quantities.add(ObservedQuantity.parse(p)));
        if (body != null) {
            // a body's joints are observed too: mean angle (deg) per bin, after the areas and region populations
            Physics.jointNames(body.mjcf()).forEach(j -> quantities.add(new ObservedQuantity("body", j)));
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
        if (quantity >= inputs.atlas().areas().size()) {
            return 0; // a region population or a joint of the body: no centroid
        }
        Area observed = inputs.atlas().areas().get(quantity);
        if (scope.equals("L") || scope.equals("R")) {
            return observed.hemisphere().tag().equals(scope) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (!inputs.atlas().hasArea(scope)) {
            return 0; // a region scope: no centroid kept (not localized)
        }
        double[] a = centroidUm[inputs.atlas().area(scope).index()];
        double[] b = centroidUm[observed.index()];
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2)) / 1000;
    }

    @Override
    public List<ObservedQuantity> quantities() {
        return quantities;
    }

    /** The cortex's areas (both hemispheres): the first quantities. */
    List<ObservedQuantity> areaQuantities() {
        return quantities.subList(0, inputs.atlas().areas().size());
    }

    boolean hasBody() {
        return body != null;
    }

    /** The model's time step, ms. */
    double dtMs() {
        return model.run().dtMs();
    }

    /** Cells placed and synapses counted by the builder's rules ({@link doka.engine.cortex.CortexSize}). */
    @Override
    public MemberSize size() {
        return MemberSize.ofCortex(model, inputs);
    }

    @Override
    public void checkParameter(String name) {
        try {
            inputs.checkParameter(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** A member whose cells are split into tiles over the ranks of {@code comm}. */
    @Override
    public SpikingMember build(long seed, int threads, RankComm comm, Readout readout) {
        CortexModel.RunSpec r = model.run();
        CortexModel seeded = model.withRun(new CortexModel.RunSpec(r.dtMs(), r.tSimMs(), r.warmupMs(), r.binMs(), seed, threads));
        try {
            return body != null ? BodiedMember.build(seeded, inputs, body, comm, readout)
                    : CortexMember.build(seeded, inputs, comm, readout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
