package io.acapromoter.functions;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.acapromoter.activities.ActivityBindings;
import io.acapromoter.activities.PromotionActivities;
import io.acapromoter.activities.RebuildActivities;
import io.acapromoter.orchestration.Activities;
import io.acapromoter.orchestration.Activity;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Activities} is the one list of activities: the Functions bindings (which must spell names
 * as compile-time constants, so they are checked here rather than generated) and the local
 * driver's registration ({@link ActivityBindings}) must match it exactly.
 */
class ActivityTableTest {

    record Bound(String name, Class<?> input, String method) {
    }

    /** Every Functions method with an activity trigger, in any class of the bindings package. */
    static List<Bound> functionsBindings() {
        List<Bound> bound = new ArrayList<>();
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.acapromoter.functions");
        for (JavaClass javaClass : production) {
            Class<?> type = javaClass.reflect();
            for (Method m : type.getDeclaredMethods()) {
                FunctionName name = m.getAnnotation(FunctionName.class);
                Parameter[] trigger = Arrays.stream(m.getParameters())
                        .filter(p -> p.isAnnotationPresent(DurableActivityTrigger.class)).toArray(Parameter[]::new);
                if (name != null && trigger.length == 1) {
                    bound.add(new Bound(name.value(), trigger[0].getType(), type.getSimpleName() + "." + m.getName()));
                }
            }
        }
        return bound;
    }

    @Test
    void activityNames_areUnique() {
        assertThat(Activities.ALL.stream().map(Activity::name)).doesNotHaveDuplicates();
    }

    @Test
    void everyActivity_isBoundAsAFunctionExactlyOnce_withItsInputType() {
        Map<String, List<Bound>> byName = functionsBindings().stream().collect(Collectors.groupingBy(Bound::name));

        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(Activities.ALL.stream().map(Activity::name).toList());
        for (Activity<?, ?> activity : Activities.ALL) {
            assertThat(byName.get(activity.name())).as(activity.name()).hasSize(1)
                    .allSatisfy(b -> assertThat(b.input()).as(b.method()).isEqualTo(activity.input()));
        }
    }

    @Test
    void localRegistration_bindsEveryActivityOnceInTableOrder() {
        List<ActivityBindings.Binding<?, ?>> bindings = ActivityBindings.of(new PromotionActivities(null),
                new RebuildActivities(null), null);

        List<Activity<?, ?>> bound = bindings.stream().<Activity<?, ?>>map(ActivityBindings.Binding::activity).toList();
        assertThat(bound).containsExactlyElementsOf(Activities.ALL);
    }

    /** The names the packaged-app test checks for an activity trigger. */
    static Stream<String> activityNames() {
        return Activities.ALL.stream().map(Activity::name);
    }
}
