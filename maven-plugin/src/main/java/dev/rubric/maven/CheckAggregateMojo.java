package dev.rubric.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import org.apiguardian.api.API;

/**
 * The quality gate over every module of a multi-module build, as JaCoCo's report-aggregate does for coverage:
 * declared in a module that depends on the others (so that Maven builds it after them), it reads their results files
 * and its own, applies its limits to all the tests together (and to {@code <rule><module>} rules), and names the
 * module of each offending test. See docs/maven-plugin.md, "Multi-module builds".
 */
@Mojo(name = "check-aggregate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
@API(status = API.Status.INTERNAL, since = "0.1")
public class CheckAggregateMojo extends CheckMojo {

    @Override
    boolean aggregate() {
        return true;
    }
}
