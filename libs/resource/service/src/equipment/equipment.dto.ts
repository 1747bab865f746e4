import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConsistentQuery, IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import {
  ASSET_CATEGORIES,
  AssetCategory,
  AssetStatus,
  DISPOSAL_METHODS,
  DisposalMethod,
  FAILURE_SEVERITIES,
  FailureSeverity,
  MAINTENANCE_KINDS,
  MAINTENANCE_OUTCOMES,
  MAX_ITEM_QUANTITY,
  MAX_MAINTENANCE_PLANS,
  MAX_PROCUREMENT_ITEMS,
  MAX_PROCUREMENT_UNITS,
  MaintenanceKind,
  MaintenanceOutcome,
} from '@serviceledger/resource/domain';
import { IsCalendarDate } from '../calendar-date';

export const ASSET_STATUSES: AssetStatus[] = ['in-service', 'failed', 'retirement-requested', 'retired', 'disposed'];
export const DUE_STATES = ['due', 'overdue'] as const;

// Procurement

export class ProcurementItemDto {
  @ApiProperty({ enum: ASSET_CATEGORIES }) @IsIn(ASSET_CATEGORIES) category!: AssetCategory;
  @ApiProperty({ example: 'Network tester' }) @IsString() @Length(1, 200) description!: string;
  @ApiProperty({ minimum: 1, maximum: MAX_ITEM_QUANTITY }) @IsInt() @Min(1) @Max(MAX_ITEM_QUANTITY) quantity!: number;
  @ApiProperty({ example: 3500, description: 'Estimated price of one unit, CNY' }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100_000_000) unitPrice!: number;
  @ApiProperty({ example: 60, description: 'Service life in months, from receipt' }) @IsInt() @Min(1) @Max(600) serviceLifeMonths!: number;
  @ApiProperty({ description: 'Holds data: disposed of only with the data wiped' }) @IsBoolean() storageDevice!: boolean;
}

export class RequestProcurementDto {
  @ApiProperty({ example: 'tech-support' }) @IsIdentifier() departmentId!: string;
  @ApiProperty({ description: 'The service work the equipment is needed for' }) @IsString() @Length(1, 2000) purpose!: string;

  @ApiProperty({ type: [ProcurementItemDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PROCUREMENT_ITEMS)
  @Type(() => ProcurementItemDto)
  items!: ProcurementItemDto[];
}

export class OrderProcurementDto {
  @ApiProperty() @IsString() @Length(1, 200) supplier!: string;
  @ApiProperty({ example: 'PO-2026-077' }) @IsKey() orderReference!: string;
  @ApiProperty({ example: '2026-03-03' }) @IsCalendarDate() orderedOn!: string;
}

export class ReceivedUnitDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(MAX_PROCUREMENT_ITEMS) itemNumber!: number;
  @ApiProperty({ example: 'NT-0001' }) @IsKey() serialNumber!: string;
}

export class ReceiveProcurementDto {
  @ApiProperty({ example: '2026-03-10' }) @IsCalendarDate() receivedOn!: string;

  @ApiProperty({ type: [ReceivedUnitDto], description: 'Every unit received, by the item it is and its serial number' })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PROCUREMENT_UNITS)
  @Type(() => ReceivedUnitDto)
  units!: ReceivedUnitDto[];
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

// Assets (R-2.1..R-2.3)

export class RegisterAssetDto {
  @ApiProperty({ example: 'Oscilloscope' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ enum: ASSET_CATEGORIES }) @IsIn(ASSET_CATEGORIES) category!: AssetCategory;
  @ApiProperty() @IsBoolean() storageDevice!: boolean;
  @ApiProperty() @IsKey() serialNumber!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) model?: string;
  @ApiProperty({ example: 'tech-support' }) @IsIdentifier() departmentId!: string;
  @ApiProperty({ example: '2026-01-31' }) @IsCalendarDate() acquiredOn!: string;
  @ApiProperty({ example: 60 }) @IsInt() @Min(1) @Max(600) serviceLifeMonths!: number;
}

export class AllocateAssetDto {
  @ApiProperty({ example: 'tech-support' }) @IsIdentifier() departmentId!: string;
  @ApiPropertyOptional({ example: 'tech-chen', description: 'The person in that department it is given to; absent: the department' }) @IsOptional() @IsKey() personId?: string;
}

export class AssetNoteDto {
  @ApiProperty() @IsString() @Length(1, 2000) note!: string;
}

export class AddMaintenancePlanDto {
  @ApiProperty({ example: 'calibration' }) @IsIdentifier() planKey!: string;
  @ApiProperty({ enum: MAINTENANCE_KINDS }) @IsIn(MAINTENANCE_KINDS) kind!: MaintenanceKind;
  @ApiProperty({ example: 24 }) @IsInt() @Min(1) @Max(120) everyMonths!: number;
  @ApiProperty({ example: '2026-03-01' }) @IsCalendarDate() firstDueOn!: string;
  @ApiPropertyOptional({ example: 7, description: 'Days after the due date before it is overdue (default 7)' }) @IsOptional() @IsInt() @Min(0) @Max(90) graceDays?: number;

  @ApiProperty({ type: [String], example: ['lab-lead'], description: 'Who is told when it falls due, besides the person holding the asset' })
  @IsArray()
  @IsKey({ each: true })
  @ArrayMaxSize(MAX_MAINTENANCE_PLANS)
  notify!: string[];
}

export class RecordMaintenanceDto {
  @ApiProperty({ example: '2026-03-20' }) @IsCalendarDate() performedOn!: string;
  @ApiProperty({ enum: MAINTENANCE_OUTCOMES }) @IsIn(MAINTENANCE_OUTCOMES) outcome!: MaintenanceOutcome;
  @ApiProperty() @IsString() @Length(1, 5000) notes!: string;
}

export class ReportFailureDto {
  @ApiProperty({ example: '2026-03-02T09:00:00+08:00' }) @IsISO8601({ strict: true }) failedAt!: string;
  @ApiProperty({ enum: FAILURE_SEVERITIES }) @IsIn(FAILURE_SEVERITIES) severity!: FailureSeverity;
  @ApiProperty() @IsString() @Length(1, 5000) description!: string;
}

export class RepairDto {
  @ApiProperty({ example: '2026-03-02T17:30:00+08:00' }) @IsISO8601({ strict: true }) repairedAt!: string;
  @ApiProperty() @IsString() @Length(1, 5000) notes!: string;
}

export class ReplaceDto {
  @ApiProperty({ example: '2026-03-02T17:30:00+08:00' }) @IsISO8601({ strict: true }) replacedAt!: string;
  @ApiProperty({ description: 'A registered asset in service that takes the failed one’s place, given to whoever held it', example: '5d2c9a7e-1b3f-4e8a-a6d0-7c4b2f9e1a35' }) @IsUUID() replacementAssetId!: string;
  @ApiProperty() @IsString() @Length(1, 5000) notes!: string;
}

export class RecyclerDto {
  @ApiProperty({ example: 'Green Recycling Co.' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'GR-2026-0042', description: 'The recycler’s certificate for this disposal' }) @IsKey() certificateNumber!: string;
}

export class DataWipeDto {
  @ApiProperty({ example: 'NIST 800-88 purge' }) @IsString() @Length(1, 200) method!: string;
  @ApiProperty() @IsKey() performedBy!: string;
  @ApiProperty({ example: '2026-03-04' }) @IsCalendarDate() performedOn!: string;
  @ApiProperty({ description: 'How the wipe was verified' }) @IsString() @Length(1, 2000) verification!: string;
}

export class DisposeAssetDto {
  @ApiProperty({ example: '2026-03-05' }) @IsCalendarDate() disposedOn!: string;
  @ApiProperty({ enum: DISPOSAL_METHODS }) @IsIn(DISPOSAL_METHODS) method!: DisposalMethod;
  @ApiProperty({ type: RecyclerDto }) @IsDefined() @ValidateNested() @Type(() => RecyclerDto) recycler!: RecyclerDto;
  @ApiPropertyOptional({ type: DataWipeDto, description: 'Required for a storage device' }) @IsOptional() @ValidateNested() @Type(() => DataWipeDto) dataWipe?: DataWipeDto;
}

// Queries

export class AssetListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The department whose asset it is, or which has it in hand' }) @IsOptional() @IsIdentifier() department?: string;
  @ApiPropertyOptional({ enum: ASSET_CATEGORIES }) @IsOptional() @IsIn(ASSET_CATEGORIES) category?: AssetCategory;
  @ApiPropertyOptional({ enum: ASSET_STATUSES }) @IsOptional() @IsIn(ASSET_STATUSES) status?: AssetStatus;
  @ApiPropertyOptional({ description: 'The person it is allocated to' }) @IsOptional() @IsKey() allocatedTo?: string;

  @ApiPropertyOptional({ description: 'Only assets flagged for retirement (past their service life, or unusable)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  flagged?: boolean;
}

export class MaintenanceQuery extends ConsistentQuery {
  @ApiPropertyOptional({ enum: DUE_STATES, description: 'Due, or overdue; absent: both' }) @IsOptional() @IsIn(DUE_STATES) state?: (typeof DUE_STATES)[number];
  @ApiPropertyOptional() @IsOptional() @IsIdentifier() department?: string;
}

export class DowntimeQuery extends ConsistentQuery {
  @ApiProperty({ example: '2026-03-01T00:00:00+08:00', description: 'Failures from this instant…' }) @IsISO8601({ strict: true }) from!: string;
  @ApiProperty({ example: '2026-04-01T00:00:00+08:00', description: '…to before this one' }) @IsISO8601({ strict: true }) to!: string;
  @ApiPropertyOptional() @IsOptional() @IsIdentifier() department?: string;
}

export class ProcurementListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsIdentifier() department?: string;
  @ApiPropertyOptional({ enum: ['requested', 'approved', 'rejected', 'ordered', 'received'] })
  @IsOptional()
  @IsIn(['requested', 'approved', 'rejected', 'ordered', 'received'])
  status?: string;
}
