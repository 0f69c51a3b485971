package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The administrator's filter query widens the engine's owner criterion, and only that; a filter query of another
 * shape stops the start-up instead of listing the wrong filters. (What an administrator's Tasklist lists, paged and
 * counted: {@code SecurityBaselineTest}.)
 */
class OwnFiltersForAdministratorsTest {

    @Test
    void theOwnerCriterionIsWidenedToTheFiltersWithoutOwner() {
        String engine = "select RES.* from ACT_RU_FILTER RES WHERE RES.RESOURCE_TYPE_ = ? and RES.OWNER_ = ? order by RES.ID_ asc LIMIT ? OFFSET ?";

        assertThat(OwnFiltersForAdministrators.sharedOrOwn(engine)).isEqualTo(
                "select RES.* from ACT_RU_FILTER RES WHERE RES.RESOURCE_TYPE_ = ? and (RES.OWNER_ IS NULL OR RES.OWNER_ = ?)"
                        + " order by RES.ID_ asc LIMIT ? OFFSET ?");
    }

    @Test
    void aQueryWithoutExactlyOneOwnerCriterionIsRefused() {
        assertThatThrownBy(() -> OwnFiltersForAdministrators.sharedOrOwn("select RES.* from ACT_RU_FILTER RES"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RES.OWNER_ = ?");
        assertThatThrownBy(() -> OwnFiltersForAdministrators.sharedOrOwn(
                "select RES.* from ACT_RU_FILTER RES WHERE RES.OWNER_ = ? or RES.OWNER_ = ?"))
                .isInstanceOf(IllegalStateException.class);
    }
}
